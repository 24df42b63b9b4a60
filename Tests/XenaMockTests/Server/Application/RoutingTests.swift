import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

/// Paths match case-insensitively everywhere, as ASP.NET (IdentityServer4 and Xena's API) matches them.
@Suite struct RoutingTests {
    @Test func identityServerPathsMatchInAnyCase() async throws {
        try await TestServer.withRouter { client, _ in
            let discovery = try await client.execute(uri: "/.Well-Known/OpenID-Configuration", method: .get)
            #expect(discovery.status == .ok)
            let token = try await client.postForm(
                "/Connect/Token", [("grant_type", "client_credentials")],
                headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")])
            #expect(token.status == .ok)
            #expect(try token.decode(TokenResponse.self).tokenType == "Bearer")
        }
    }

    @Test func apiPathsMatchInAnyCaseAndNeedABearerToken() async throws {
        try await TestServer.withRouter { client, mock in
            let token = try mock.identityServer.mintToken(username: "alice", clientID: "demo-native.xena.biz").accessToken
            let lower = try await client.execute(uri: "/api/user/fiscalsetup", method: .get, headers: [.authorization: "Bearer \(token)"])
            let upper = try await client.execute(uri: "/API/USER/FISCALSETUP", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(lower.status == .ok)
            #expect(upper.status == .ok)
            #expect(lower.body == upper.body)
            let anonymous = try await client.execute(uri: "/Api/User/FiscalSetup", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
