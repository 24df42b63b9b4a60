import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct WebhookTests {
    static let fiscal = "Fiscal/\(APIClient.norrebro)"

    /// A server whose webhooks go to `transport` instead of the network.
    static func configuration(_ transport: RecordingWebhookTransport) throws -> XenaMockConfiguration {
        var configuration = try TestServer.configuration()
        configuration.webhookTransport = transport
        return configuration
    }

    static func hook(_ api: APIClient, _ fields: JSONValue) async throws -> Int64 {
        let hook = try await api.send(.post, "\(Self.fiscal)/WebHook", fields)
        #expect(hook.status == .ok)
        return try #require(try hook.jsonValue()[path: "Id"]?.integer)
    }

    @Test func matchingWritesAreDeliveredAndOthersAreNot() async throws {
        try await TestServer.withRouter(try Self.configuration(RecordingWebhookTransport())) { client, mock in
            let api = try await APIClient.alice(client)
            _ = try await Self.hook(api, ["CallBackUrl": "http://127.0.0.1:9/hook", "EntityType": "Article"])
            _ = try await Self.hook(api, ["CallBackUrl": "http://127.0.0.1:9/hook", "EntityType": "Partner", "EntityId": 3_041_000_101])

            let created = try await api.send(.post, "\(Self.fiscal)/Article", ["ArticleNumber": "HOOK-1", "Description": "Webhook-test"]).jsonValue()
            let id = try #require(created[path: "Id"]?.integer)
            _ = try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": "No hook for this"])
            var partner = try #require(try await api.get("\(Self.fiscal)/Partner/3041000101").jsonValue().object)
            partner["Note"] = "ring"
            #expect(try await api.send(.put, "\(Self.fiscal)/Partner/3041000101", .object(partner)).status == .ok)
            var other = try #require(try await api.get("\(Self.fiscal)/Partner/3041000102").jsonValue().object)
            other["Note"] = "ikke hooket"
            #expect(try await api.send(.put, "\(Self.fiscal)/Partner/3041000102", .object(other)).status == .ok)
            #expect(try await api.send(.delete, "\(Self.fiscal)/Article/\(id)", json: "").status == .ok)

            // Writes enqueue before they answer: exactly the three matching events, nothing for the others.
            #expect(mock.api.webhooks.enqueued == 3)
            let outcomes = try await mock.api.webhooks.next(3)
            #expect(
                Set(outcomes.map(\.payload)) == [
                    ["EntityType": "Article", "EntityId": .integer(id), "EntityEvent": "Created"],
                    ["EntityType": "Partner", "EntityId": 3_041_000_101, "EntityEvent": "Updated"],
                    ["EntityType": "Article", "EntityId": .integer(id), "EntityEvent": "Deleted"],
                ])
            #expect(outcomes.allSatisfy { $0.failure == nil })
        }
    }

    @Test func documentedResourcesNotifyToo() async throws {
        try await TestServer.withRouter(try Self.configuration(RecordingWebhookTransport())) { client, mock in
            let api = try await APIClient.alice(client)
            _ = try await Self.hook(api, ["CallBackUrl": "http://127.0.0.1:9/hook", "EntityType": "Subscription"])
            let created = try await api.send(.post, "\(Self.fiscal)/Subscription", ["Description": "Kaffeabonnement"]).jsonValue()
            let id = try #require(created[path: "Id"]?.integer)
            #expect(try await api.send(.put, "\(Self.fiscal)/Subscription/\(id)/Deactivate", json: "").status == .ok)
            #expect(try await api.send(.delete, "\(Self.fiscal)/Subscription/\(id)", json: "").status == .ok)
            #expect(mock.api.webhooks.enqueued == 3)
            let outcomes = try await mock.api.webhooks.next(3)
            #expect(
                Set(outcomes.map(\.payload)) == [
                    ["EntityType": "Subscription", "EntityId": .integer(id), "EntityEvent": "Created"],
                    ["EntityType": "Subscription", "EntityId": .integer(id), "EntityEvent": "Updated"],
                    ["EntityType": "Subscription", "EntityId": .integer(id), "EntityEvent": "Deleted"],
                ])
        }
    }

    @Test func failuresAreCountedAndMoreThanTenIn10MinutesDisableTheHookForAnHour() async throws {
        let transport = RecordingWebhookTransport()
        transport.answer("hook", with: RecordingWebhookTransport.serverError)
        try await TestServer.withRouter(try Self.configuration(transport)) { client, mock in
            let api = try await APIClient.alice(client)
            let hookID = try await Self.hook(api, ["CallBackUrl": "http://127.0.0.1:9/hook", "EntityType": "LedgerTag"])
            for index in 0..<11 {
                // Writes succeed even though every delivery fails.
                #expect(try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": .string("Konto \(index)")]).status == .ok)
            }
            let failed = try await mock.api.webhooks.next(11)
            #expect(failed.allSatisfy { $0.failure == "The receiver answered 500." })
            #expect(try await api.get("\(Self.fiscal)/WebHook/\(hookID)/WebHookFailures").jsonValue()[path: "Count"] == 11)
            #expect(try await api.get("\(Self.fiscal)/WebHook/\(hookID)").jsonValue()[path: "WindowFailureCount"] == 11)

            // Disabled: the next write enqueues no delivery.
            let before = mock.api.webhooks.enqueued
            #expect(try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": "Efter"]).status == .ok)
            #expect(mock.api.webhooks.enqueued == before)

            // An hour later on the mock's clock the hook works again, and the window has emptied.
            transport.answer("hook", with: RecordingWebhookTransport.accepted)
            mock.kernel.clock.advance(by: 3601)
            let later = try await APIClient.alice(client)  // the first token has expired by now
            #expect(try await later.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": "Senere"]).status == .ok)
            #expect(try await mock.api.webhooks.next(1).first?.failure == nil)
            #expect(try await later.get("\(Self.fiscal)/WebHook/\(hookID)").jsonValue()[path: "WindowFailureCount"] == 0)
        }
    }

    @Test func anAnswerWithoutSuccessTrueIsAFailure() async throws {
        let transport = RecordingWebhookTransport()
        transport.answer("lukewarm", with: RecordingWebhookTransport.lukewarm)
        try await TestServer.withRouter(try Self.configuration(transport)) { client, mock in
            let api = try await APIClient.alice(client)
            let hookID = try await Self.hook(api, ["CallBackUrl": "http://127.0.0.1:9/lukewarm", "EntityType": "Article"])
            _ = try await api.send(.post, "\(Self.fiscal)/Article", ["ArticleNumber": "L-1", "Description": "x"])
            let outcome = try #require(try await mock.api.webhooks.next(1).first)
            #expect(outcome.failure?.contains("Success") == true)
            #expect(mock.api.store.webhookFailures(webHookID: hookID).first?.message == outcome.failure)
        }
    }

    @Test func theHTTPTransportPostsJSONToTheCallback() async throws {
        let receiver = WebhookReceiver()
        try await receiver.application.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await TestServer.withRouter { client, mock in
                let api = try await APIClient.alice(client)
                _ = try await Self.hook(api, ["CallBackUrl": .string("http://127.0.0.1:\(port)/hook"), "EntityType": "Article"])
                let created = try await api.send(.post, "\(Self.fiscal)/Article", ["ArticleNumber": "H-1", "Description": "x"]).jsonValue()
                #expect(try await mock.api.webhooks.next(1).first?.failure == nil)
                #expect(receiver.deliveries == [["EntityType": "Article", "EntityId": created[path: "Id"] ?? .null, "EntityEvent": "Created"]])
            }
        }
    }
}
