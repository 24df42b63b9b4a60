import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct APITenantTests {
    static func ids(_ response: TestResponse) throws -> [Int64] {
        guard case .array(let items) = try response.jsonValue()[path: "Entities"] else { return [] }
        return items.compactMap { $0.object?["Id"]?.integer }
    }

    @Test func usersSeeOnlyTheirFiscalSetups() async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            #expect(try Self.ids(try await alice.get("User/FiscalSetup")) == [APIClient.norrebro, APIClient.fjordkaffe])
            let bob = try await APIClient.bob(client)
            #expect(try Self.ids(try await bob.get("User/FiscalSetup?forceNoPaging=true")) == [APIClient.tomrer])
            let setup = try await bob.get("Fiscal/\(APIClient.tomrer)/FiscalSetup").jsonValue()
            #expect(setup[path: "Address.Name"] == "Bobs Tømrerfirma ApS")
        }
    }

    @Test func anotherUsersFiscalIs403AndAnUnknownOne404() async throws {
        try await TestServer.withRouter { client, _ in
            let bob = try await APIClient.bob(client)
            let forbidden = try await bob.get("Fiscal/\(APIClient.norrebro)/Partner")
            #expect(forbidden.status == .forbidden)
            #expect(try forbidden.jsonValue().object?["Message"]?.string?.contains("not a member") == true)
            let unknown = try await bob.get("Fiscal/999/Partner")
            #expect(unknown.status == .notFound)
            #expect(try unknown.jsonValue().object?["Message"] == "FiscalSetup not found.")
            let notAnID = try await bob.get("Fiscal/abc/Partner")
            #expect(notAnID.status == .notFound)
        }
    }

    @Test func membershipsAndConsentsOfTheUser() async throws {
        try await TestServer.withRouter { client, mock in
            let bob = try await APIClient.bob(client)
            let memberships = try await bob.get("User/XenaUserMembership").jsonValue()
            #expect(memberships[path: "Count"] == 1)
            guard case .array(let items) = memberships[path: "Entities"] else {
                Issue.record("no entities")
                return
            }
            #expect(items.first?[path: "FiscalSetupName"] == "Bobs Tømrerfirma ApS")
            #expect(items.first?[path: "UserId"] == 5_512_002)
            #expect(try await bob.get("User/XenaUserMembership/88120047").status == .ok)
            #expect(try await bob.get("User/XenaUserMembership/88120045").status == .notFound)

            // bob's code + PKCE login granted a consent to the native client; the API lists it live.
            let consents = try await bob.get("User/ClientAuthorization").jsonValue()
            #expect(consents[path: "Count"] == 1)
            guard case .array(let grants) = consents[path: "Entities"] else {
                Issue.record("no entities")
                return
            }
            #expect(grants.first?[path: "Name"] == "Demo native app (code + PKCE)")
            #expect(grants.first?[path: "Scope"] == "openid profile email testapi offline_access")
            let id = try #require(grants.first?[path: "Id"]?.integer)
            #expect(try await bob.get("User/ClientAuthorization/\(id)").status == .ok)
            _ = mock
        }
    }

    @Test func serviceAccountsActAsTheirUser() async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            #expect(try await alice.get("Fiscal/\(APIClient.fjordkaffe)/Article").status == .ok)
            #expect(try await alice.get("Fiscal/\(APIClient.tomrer)/Article").status == .forbidden)
        }
    }

    @Test func unknownRoutesAndMethods() async throws {
        try await TestServer.withRouter { client, _ in
            let alice = try await APIClient.alice(client)
            let unknown = try await alice.get("Fiscal/\(APIClient.norrebro)/Spaceship")
            #expect(unknown.status == .notFound)
            #expect(try unknown.jsonValue().object?["Message"]?.string?.hasPrefix("No HTTP resource was found") == true)
            #expect(try await alice.get("Nothing/Here").status == .notFound)
            let patch = try await alice.send(.patch, "Fiscal/\(APIClient.norrebro)/Partner", json: "{}")
            #expect(patch.status == .methodNotAllowed)
            #expect(patch.headers[.allow] == "GET, POST")
            let postInvoice = try await alice.send(.post, "Fiscal/\(APIClient.norrebro)/Order/Invoice", json: "{}")
            #expect(postInvoice.status == .methodNotAllowed)
            // (DELETE here would be Xena's documented `DELETE User/{id}` with the string id "FiscalSetup".)
            let patchUser = try await client.execute(
                uri: "/Api/User/FiscalSetup", method: .patch, headers: [.authorization: "Bearer \(alice.token)"])
            #expect(patchUser.status == .methodNotAllowed)
            #expect(patchUser.headers[.allow] == "GET")
        }
    }
}
