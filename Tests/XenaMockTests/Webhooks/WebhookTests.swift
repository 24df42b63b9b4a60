import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct WebhookTests {
    static let fiscal = "Fiscal/\(APIClient.nørrebro)"

    @Test func matchingWritesAreDeliveredAndOthersAreNot() async throws {
        let receiver = WebhookReceiver()
        try await receiver.application.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await TestServer.withRouter { client, _ in
                let api = try await APIClient.alice(client)
                let hook = try await api.send(
                    .post, "\(Self.fiscal)/WebHook", ["CallBackUrl": .string("http://127.0.0.1:\(port)/hook"), "EntityType": "Article"])
                #expect(hook.status == .ok)
                let onlyOne = try await api.send(
                    .post, "\(Self.fiscal)/WebHook",
                    ["CallBackUrl": .string("http://127.0.0.1:\(port)/hook"), "EntityType": "Partner", "EntityId": 3_041_000_101])

                #expect(onlyOne.status == .ok)
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

                let deliveries = try await receiver.waitFor(3)
                #expect(
                    Set(deliveries) == [
                        ["EntityType": "Article", "EntityId": .integer(id), "EntityEvent": "Created"],
                        ["EntityType": "Partner", "EntityId": 3_041_000_101, "EntityEvent": "Updated"],
                        ["EntityType": "Article", "EntityId": .integer(id), "EntityEvent": "Deleted"],
                    ])
                try await Task.sleep(for: .milliseconds(100))
                #expect(receiver.deliveries.count == 3)
            }
        }
    }

    @Test func failuresAreCountedAndMoreThanTenIn10MinutesDisableTheHourly() async throws {
        let receiver = WebhookReceiver()
        receiver.failing.withLock { $0 = true }
        try await receiver.application.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await TestServer.withRouter { client, environment in
                let api = try await APIClient.alice(client)
                let hook = try await api.send(
                    .post, "\(Self.fiscal)/WebHook", ["CallBackUrl": .string("http://127.0.0.1:\(port)/hook"), "EntityType": "LedgerTag"]
                ).jsonValue()
                let hookID = try #require(hook[path: "Id"]?.integer)
                for index in 0..<11 {
                    // Writes succeed even though every delivery fails.
                    let write = try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": .string("Konto \(index)")])
                    #expect(write.status == .ok)
                }
                try await eventually { environment.apiStore.webhookFailures(webHookID: hookID).count >= 11 }
                let failures = try await api.get("\(Self.fiscal)/WebHook/\(hookID)/WebHookFailures").jsonValue()
                #expect(failures[path: "Count"] == 11)
                let read = try await api.get("\(Self.fiscal)/WebHook/\(hookID)").jsonValue()
                #expect(read[path: "WindowFailureCount"] == 11)

                // Disabled: the next write is not delivered.
                let before = receiver.deliveries.count
                _ = try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": "Efter"])
                try await Task.sleep(for: .milliseconds(200))
                #expect(receiver.deliveries.count == before)

                // An hour later on the mock's clock the hook works again, and the window has emptied.
                receiver.failing.withLock { $0 = false }
                environment.clock.advance(by: 3601)
                let later = try await APIClient.alice(client)  // the first token has expired by now
                #expect(try await later.send(.post, "\(Self.fiscal)/LedgerTag", ["Description": "Senere"]).status == .ok)
                let delivered = try await receiver.waitFor(before + 1)
                #expect(delivered.count == before + 1)
                #expect(try await later.get("\(Self.fiscal)/WebHook/\(hookID)").jsonValue()[path: "WindowFailureCount"] == 0)
            }
        }
    }

    @Test func anAnswerWithoutSuccessTrueIsAFailure() async throws {
        let receiver = WebhookReceiver()
        try await receiver.application.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            try await TestServer.withRouter { client, environment in
                let api = try await APIClient.alice(client)
                let hook = try await api.send(
                    .post, "\(Self.fiscal)/WebHook", ["CallBackUrl": .string("http://127.0.0.1:\(port)/lukewarm"), "EntityType": "Article"]
                ).jsonValue()
                let hookID = try #require(hook[path: "Id"]?.integer)
                _ = try await api.send(.post, "\(Self.fiscal)/Article", ["ArticleNumber": "L-1", "Description": "x"])
                try await eventually { !environment.apiStore.webhookFailures(webHookID: hookID).isEmpty }
                #expect(environment.apiStore.webhookFailures(webHookID: hookID).first?.message.contains("Success") == true)
            }
        }
    }
}
