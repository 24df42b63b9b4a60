import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

@Suite struct APIWriteTests {
    static let fiscal = "Fiscal/\(APIClient.norrebro)"

    @Test func createAssignsServerFieldsAndIgnoresReadOnlyOnes() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            let response = try await api.send(
                .post, "\(Self.fiscal)/Article",
                [
                    "ArticleNumber": "NY-1", "Description": "Ny vare", "SalesPrice": 100.5, "Id": 42, "Version": 9, "FiscalSetupId": 1,
                    "DescriptionFriendly": "x",
                ])
            #expect(response.status == .ok)
            let created = try response.jsonValue()
            let id = try #require(created[path: "Id"]?.integer)
            #expect(id != 42)
            #expect(created[path: "Version"] == 1)
            #expect(created[path: "FiscalSetupId"] == .integer(APIClient.norrebro))
            // The read-only value sent is not stored; the property is there, null, as every documented property is.
            #expect(created[path: "DescriptionFriendly"] == .null)
            #expect(created[path: "IsDeactivated"] == false)
            let createdAt = try #require(created[path: "CreatedAt"]?.string)
            #expect(createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
            #expect(try await api.get("\(Self.fiscal)/Article/\(id)").jsonValue() == created)
            _ = mock
        }
    }

    @Test func missingRequiredFieldsAndWrongTypesAreNamed() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let response = try await api.send(.post, "\(Self.fiscal)/Article", ["Description": 5, "SalesPrice": "dyr"])
            #expect(response.status == .badRequest)
            let body = try response.jsonValue()
            #expect(body[path: "Success"] == false)
            #expect(body[path: "StatusCode"] == 400)
            guard case .array(let errors) = body[path: "Errors"] else {
                Issue.record("no Errors")
                return
            }
            let paths = errors.compactMap { $0[path: "Path"]?.string }
            #expect(Set(paths) == ["ArticleNumber", "Description", "SalesPrice"])

            let badParent = try await api.send(.post, "\(Self.fiscal)/OrderLine", ["OrderTaskId": 1])
            #expect(badParent.status == .badRequest)
            #expect(try badParent.jsonValue()[path: "Errors"] == [["Path": "OrderTaskId", "Message": "OrderTask 1 not found."]])
        }
    }

    @Test func malformedBodiesAre400() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            for body in ["{not json", "", "[1,2]", "\"text\""] {
                let response = try await api.send(.post, "\(Self.fiscal)/Partner", json: body)
                #expect(response.status == .badRequest, "\(body)")
            }
            let form = try await client.execute(
                uri: "/Api/\(Self.fiscal)/Partner", method: .post,
                headers: [.authorization: "Bearer \(api.token)", .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "a=b"))
            #expect(form.status == .badRequest)
        }
    }

    @Test func updatesAreOptimisticallyConcurrent() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let id: Int64 = 3_041_000_300
            var article = try #require(try await api.get("\(Self.fiscal)/Article/\(id)").jsonValue().object)
            let version = try #require(article["Version"]?.integer)
            article["Description"] = "Bycykel 8 gear"
            article["AverageCostPrice"] = 1
            let updated = try await api.send(.put, "\(Self.fiscal)/Article/\(id)", .object(article))
            #expect(updated.status == .ok)
            let body = try updated.jsonValue()
            #expect(body[path: "Version"] == .integer(version + 1))
            #expect(body[path: "Description"] == "Bycykel 8 gear")
            #expect(body[path: "AverageCostPrice"] == 2900, "read-only fields keep the server's value")

            let stale = try await api.send(.put, "\(Self.fiscal)/Article/\(id)", .object(article))
            #expect(stale.status == .conflict)
            let conflict = try stale.jsonValue()
            #expect(conflict[path: "StatusCode"] == 409)
            guard case .array(let errors) = conflict[path: "Errors"] else {
                Issue.record("no Errors")
                return
            }
            #expect(errors.first?[path: "Path"] == "Version")

            article["Version"] = nil
            #expect(try await api.send(.put, "\(Self.fiscal)/Article/\(id)", .object(article)).status == .badRequest)
            #expect(try await api.send(.put, "\(Self.fiscal)/Article/1", ["Version": 1]).status == .notFound)
        }
    }

    @Test func concurrentWritesLoseNoUpdate() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            let before = mock.api.store.entities(fiscalID: APIClient.norrebro, resource: "LedgerTag").count
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await api.send(.post, "\(Self.fiscal)/LedgerTag", ["Number": .integer(Int64(9000 + index)), "Description": "Konto"]).status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            #expect(mock.api.store.entities(fiscalID: APIClient.norrebro, resource: "LedgerTag").count == before + 40)

            // Many writers racing on one Version: exactly one wins.
            let id: Int64 = 3_041_000_301
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask {
                        try await api.send(
                            .put, "\(Self.fiscal)/Article/\(id)",
                            ["Version": 2, "ArticleNumber": "CYK-200", "Description": .string("Ladcykel \(index)")]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 9)
        }
    }

    @Test func deleteAnswersADeleteResultAndCascades() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            let orderID: Int64 = 3_041_000_500
            let response = try await api.send(.delete, "\(Self.fiscal)/Order/\(orderID)", json: "")
            #expect(response.status == .ok)
            #expect(try response.jsonValue() == ["Id": .integer(orderID), "Messages": [], "Success": true, "NewState": "Deleted"])
            #expect(try await api.get("\(Self.fiscal)/Order/\(orderID)").status == .notFound)
            let tasks = mock.api.store.entities(fiscalID: APIClient.norrebro, resource: "OrderTask").filter { $0["OrderId"]?.integer == orderID }
            #expect(tasks.isEmpty)
            #expect(try await api.send(.delete, "\(Self.fiscal)/Order/\(orderID)", json: "").status == .notFound)

            // A reset brings the fixtures back.
            mock.api.reset()
            #expect(try await api.get("\(Self.fiscal)/Order/\(orderID)").status == .ok)
        }
    }

    @Test func fiscalSetupUpdate() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            var setup = try #require(try await api.get("\(Self.fiscal)/FiscalSetup").jsonValue().object)
            setup["Phone"] = "+45 11 22 33 44"
            let updated = try await api.send(.put, "\(Self.fiscal)/FiscalSetup", .object(setup)).jsonValue()
            #expect(updated[path: "Phone"] == "+45 11 22 33 44")
            #expect(updated[path: "Version"] == 8)
            #expect(try await api.send(.put, "\(Self.fiscal)/FiscalSetup", .object(setup)).status == .conflict)
        }
    }
}
