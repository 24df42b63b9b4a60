import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

/// What a client app does against the real Xena, end to end over real sockets.
@Suite struct APIWalkthroughTests {
    @Test func aClientAppsDayAgainstTheMock() async throws {
        let receiver = WebhookReceiver()
        try await receiver.application.test(.live) { receiverClient in
            let receiverPort = try #require(receiverClient.port)
            let mock = try await TestServer.mock()
            try await buildApplication(instance: mock).test(.live) { client in
                // A token by every grant the mock has; each one reads the user's companies.
                var tokens: [String: String] = [:]
                tokens["client_credentials"] = try await BrowserFlow.serviceToken(client)
                let login = try await BrowserFlow.nativeLogin(client)
                tokens["authorization_code"] = try #require(login["access_token"]?.string)
                let refreshed = try await RefreshTokenGrantTests.refresh(client, try #require(login["refresh_token"]?.string)).json()
                tokens["refresh_token"] = try #require(refreshed["access_token"]?.string)
                let implicit = try await BrowserFlow.authorize(
                    client,
                    [
                        ("client_id", "demo-implicit.xena.biz"), ("redirect_uri", BrowserFlow.implicitRedirect), ("response_type", "id_token token"),
                        ("scope", "openid testapi"), ("nonce", "n"),
                    ])
                let implicitToken: String = try #require(implicit["access_token"])
                tokens["implicit"] = implicitToken
                for (grant, token) in tokens {
                    let setups = try await APIClient(client: client, token: token).get("User/FiscalSetup")
                    #expect(setups.status == .ok, "\(grant)")
                    #expect(try setups.jsonValue()[path: "Count"] == 2, "\(grant)")
                }

                let api = APIClient(client: client, token: try #require(tokens["authorization_code"]))
                let fiscal = "Fiscal/\(APIClient.norrebro)"

                // Page through every partner.
                var partnerIDs: [Int64] = []
                var page = 0
                while true {
                    let body = try await api.get("\(fiscal)/Partner?Page=\(page)&PageSize=10").jsonValue()
                    guard case .array(let entities) = body[path: "Entities"], !entities.isEmpty else { break }
                    partnerIDs += entities.compactMap { $0[path: "Id"]?.integer }
                    page += 1
                }
                #expect(partnerIDs.count == 28)
                #expect(page == 3)

                // Subscribe to orders and lines, then write as Xena's documentation describes.
                for entityType in ["Order", "OrderLine"] {
                    let hook = try await api.send(
                        .post, "\(fiscal)/WebHook", ["CallBackUrl": .string("http://127.0.0.1:\(receiverPort)/hook"), "EntityType": .string(entityType)])
                    #expect(hook.status == .ok)
                }
                let order = try await api.send(
                    .post, "\(fiscal)/Order", ["ContextType": "ContextType_Customer", "PartnerId": .integer(partnerIDs[0]), "CreateTask": true]
                ).jsonValue()
                let orderID = try #require(order[path: "Id"]?.integer)
                #expect(order[path: "Version"] == 1)
                #expect(order[path: "OrderNumber"]?.integer != nil)
                #expect(order[path: "PartnerName"]?.string?.isEmpty == false)
                #expect(order[path: "DateDays"]?.integer == Int64(mock.kernel.clock.now.timeIntervalSince1970 / 86_400))

                let tasks = try await api.get("\(fiscal)/Order/\(orderID)/OrderTask").jsonValue()
                #expect(tasks[path: "Count"] == 1)
                guard case .array(let taskList) = tasks[path: "Entities"], let task = taskList.first else {
                    Issue.record("no task")
                    return
                }
                let taskID = try #require(task[path: "Id"]?.integer)
                #expect(task[path: "Index"] == 1)
                #expect(task[path: "OrderContextType"] == "ContextType_Customer")

                let emptyLine = try await api.send(.post, "\(fiscal)/OrderLine", ["OrderTaskId": .integer(taskID)]).jsonValue()
                let lineID = try #require(emptyLine[path: "Id"]?.integer)
                #expect(emptyLine[path: "OrderId"] == .integer(orderID))
                var line = try #require(emptyLine.object)
                line["ArticleId"] = 3_041_000_300
                line["Quantity"] = 2
                line["Description"] = "Bycykel 7 gear"
                let updatedLine = try await api.send(.put, "\(fiscal)/OrderLine/\(lineID)", .object(line))
                #expect(updatedLine.status == .ok)
                #expect(try updatedLine.jsonValue()[path: "Version"] == 2)
                let stale = try await api.send(.put, "\(fiscal)/OrderLine/\(lineID)", .object(line))
                #expect(stale.status == .conflict)

                var orderBody = try #require(order.object)
                orderBody["YourReference"] = "Indkøb"
                #expect(try await api.send(.put, "\(fiscal)/Order/\(orderID)", .object(orderBody)).status == .ok)
                #expect(try await api.send(.put, "\(fiscal)/Order/\(orderID)", .object(orderBody)).status == .conflict)
                let deleted = try await api.send(.delete, "\(fiscal)/Order/\(orderID)", json: "")
                #expect(try deleted.jsonValue()[path: "Success"] == true)
                #expect(try await api.get("\(fiscal)/OrderLine/\(lineID)").status == .notFound)

                let expected: Set<JSONValue> = [
                    ["EntityType": "Order", "EntityId": .integer(orderID), "EntityEvent": "Created"],
                    ["EntityType": "OrderLine", "EntityId": .integer(lineID), "EntityEvent": "Created"],
                    ["EntityType": "OrderLine", "EntityId": .integer(lineID), "EntityEvent": "Updated"],
                    ["EntityType": "Order", "EntityId": .integer(orderID), "EntityEvent": "Updated"],
                    ["EntityType": "Order", "EntityId": .integer(orderID), "EntityEvent": "Deleted"],
                    ["EntityType": "OrderLine", "EntityId": .integer(lineID), "EntityEvent": "Deleted"],
                ]
                let delivered = try await mock.api.webhooks.next(expected.count)
                #expect(Set(delivered.map(\.payload)) == expected)
                #expect(Set(receiver.deliveries) == expected)
            }
        }
    }
}
