import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOFoundationEssentialsCompat
import Testing

@testable import XenaMock

/// The documented operations no hand-written route serves, through the router: generated data, template rules,
/// parameter and body checks, the published document. (`scripts/api/check_surface.py` walks all 1,301 of them.)
@Suite struct APIDocumentedSurfaceTests {
    static let fiscal = "Fiscal/\(APIClient.norrebro)"

    @Test func aGeneratedListIsDeterministicAndReadableByID() async throws {
        let first = try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let list = try await api.get("\(Self.fiscal)/Voucher")
            #expect(list.status == .ok)
            let value = try list.jsonValue()
            let entity = try #require(value[path: "Entities"]?.elements?.first)
            let id = try #require(entity[path: "Id"]?.integer)
            #expect(try await api.get("\(Self.fiscal)/Voucher/\(id)").jsonValue() == entity)
            #expect(entity[path: "FiscalSetupId"] == .integer(APIClient.norrebro))
            return value
        }
        let again = try await TestServer.withRouter { client, _ in try await APIClient.alice(client).get("\(Self.fiscal)/Voucher").jsonValue() }
        #expect(again == first, "another server with the same fixtures and seed serves the same data")
    }

    @Test func anotherSeedGivesOtherData() async throws {
        var configuration = try TestServer.configuration()
        configuration.dataSeed = 7
        let seeded = try await TestServer.withRouter(configuration) { client, _ in
            try await APIClient.alice(client).get("\(Self.fiscal)/Voucher").jsonValue()
        }
        let standard = try await TestServer.withRouter { client, _ in try await APIClient.alice(client).get("\(Self.fiscal)/Voucher").jsonValue() }
        #expect(seeded != standard)
    }

    @Test func createsRoundTripAndDeactivateShowsItsEffect() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let created = try await api.send(.post, "\(Self.fiscal)/Subscription", ["PartnerId": 3_041_000_100])
            #expect(created.status == .ok)
            let id = try #require(try created.jsonValue()[path: "Id"]?.integer)
            #expect(try created.jsonValue()[path: "Version"] == 1)
            let deactivated = try await api.send(.put, "\(Self.fiscal)/Subscription/\(id)/Deactivate", json: "")
            #expect(deactivated.status == .ok)
            #expect(try deactivated.jsonValue()[path: "Success"] == true)
            let read = try await api.get("\(Self.fiscal)/Subscription/\(id)").jsonValue()
            #expect(read[path: "IsDeactivated"] == true)
            #expect(read[path: "Version"] == 2)
            let deleted = try await api.send(.delete, "\(Self.fiscal)/Subscription/\(id)", json: "")
            #expect(try deleted.jsonValue()[path: "NewState"] == "Deleted")
            #expect(try await api.get("\(Self.fiscal)/Subscription/\(id)").status == .notFound)
        }
    }

    @Test func bodiesAndReferencesAreCheckedAgainstTheDocument() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let variant: JSONValue = ["Abbreviation": "XL", "Description": "Stor", "ArticleId": 999_999_999_999]
            let missing = try await api.send(.post, "\(Self.fiscal)/ArticleVariant", variant)
            #expect(missing.status == .badRequest)
            #expect(try missing.jsonValue()[path: "Errors"]?.elements?.map { $0[path: "Path"] } == ["ArticleId"])
            var existing = variant.object ?? [:]
            existing["ArticleId"] = 3_041_000_300
            #expect(try await api.send(.post, "\(Self.fiscal)/ArticleVariant", .object(existing)).status == .ok)
            let incomplete = try await api.send(.post, "\(Self.fiscal)/ArticleVariant", ["ArticleId": 3_041_000_300])
            #expect(try incomplete.jsonValue()[path: "Errors"]?.elements?.map { $0[path: "Path"] } == ["Abbreviation", "Description"])
            // The hand-written Article route obeys the document too: ArticleNumber is at most 255 characters.
            let long = try await api.send(.post, "\(Self.fiscal)/Article", ["ArticleNumber": .string(String(repeating: "x", count: 256)), "Description": "D"])
            #expect(long.status == .badRequest)
            #expect(try long.jsonValue()[path: "Errors"]?.elements?.first?[path: "Path"] == "ArticleNumber")
        }
    }

    @Test func requiredAndTypedQueryParametersAreNamed() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let missing = try await api.get("\(Self.fiscal)/Payment/UnsettledPost")
            #expect(missing.status == .badRequest)
            #expect(try missing.jsonValue()[path: "Message"]?.string?.contains("queryString") == true)
            let typed = try await api.get("\(Self.fiscal)/Order?filter.partnerId=abc")
            #expect(typed.status == .badRequest)
            #expect(try typed.jsonValue()[path: "Message"]?.string?.contains("filter.partnerId") == true)
        }
    }

    @Test(arguments: ["Fiscal/104200311/Voucher/abc", "Fiscal/104200311/Partner/abc", "Fiscal/104200311/Voucher/99999999999999999999"])
    func aBadPathParameterIs400NamingIt(path: String) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await APIClient.alice(client).get(path)
            #expect(response.status == .badRequest)
            #expect(try response.jsonValue()[path: "Message"]?.string?.contains("not valid for id") == true)
        }
    }

    @Test func tenantScopingHoldsOnDocumentedRoutes() async throws {
        try await TestServer.withRouter { client, _ in
            let bob = try await APIClient.bob(client)
            #expect(try await bob.get("\(Self.fiscal)/Voucher").status == .forbidden)
            #expect(try await bob.get("Blob/\(Self.fiscal)/Download/1").status == .forbidden)
            let anonymous = try await client.execute(uri: "/Api/\(Self.fiscal)/Voucher", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func theDocumentIsPublishedPointingAtTheMock() async throws {
        try await TestServer.withRouter { client, mock in
            let response = try await client.execute(uri: "/Api/swagger/docs/v1", method: .get)
            #expect(response.status == .ok)
            let document = try JSONValue.parse(Data(buffer: response.body))
            let issuer = mock.kernel.issuer.current
            // The host the request named (the router's test client says "localhost"), else the issuer's.
            let host = try #require(document[path: "host"]?.string)
            #expect(host == "localhost" || issuer.origin.hasSuffix("//" + host), "\(host) \(issuer)")
            #expect(document[path: "schemes"] == ["http"])
            #expect(document[path: "securityDefinitions.oauth2.tokenUrl"] == .string(issuer.url("/connect/token")))
            #expect(document[path: "paths"]?.object?.count == 959)
        }
    }
}
