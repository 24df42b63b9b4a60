import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct RefreshTokenGrantTests {
    static func refresh(_ client: some TestClientProtocol, _ token: String, clientID: String = "demo-native.xena.biz", scope: String? = nil)
        async throws -> TestResponse
    {
        var parameters = [("grant_type", "refresh_token"), ("refresh_token", token), ("client_id", clientID)]
        if let scope { parameters.append(("scope", scope)) }
        return try await client.postForm("/connect/token", parameters)
    }

    @Test func eachRefreshRotatesTheToken() async throws {
        try await TestServer.withRouter { client, _ in
            let login = try await BrowserFlow.nativeLogin(client)
            let first = try #require(login["refresh_token"]?.string)
            let refreshed = try await Self.refresh(client, first)
            #expect(refreshed.status == .ok)
            let body = try refreshed.json()
            let second = try #require(body["refresh_token"]?.string)
            #expect(second != first)
            #expect(body["id_token"] != nil)
            #expect(body["scope"]?.string == "openid profile email testapi offline_access")
            let oldSid = try DecodedJWT(try #require(login["access_token"]?.string)).claims["sid"]?.string
            #expect(try DecodedJWT(try #require(body["access_token"]?.string)).claims["sid"]?.string == oldSid)

            let reused = try await Self.refresh(client, first)
            #expect(reused.status == .badRequest)
            #expect(try reused.json()["error"]?.string == "invalid_grant")
            #expect(try await Self.refresh(client, second).status == .ok)
        }
    }

    @Test func narrowerScopeIsAllowedWiderIsNot() async throws {
        try await TestServer.withRouter { client, _ in
            let token = try #require(try await BrowserFlow.nativeLogin(client, scope: "openid testapi offline_access")["refresh_token"]?.string)
            let wider = try await Self.refresh(client, token, scope: "openid testapi email")
            #expect(try wider.json()["error"]?.string == "invalid_scope")
            // The refused request did not spend the token.
            let narrower = try await Self.refresh(client, token, scope: "testapi")
            #expect(narrower.status == .ok)
            let body = try narrower.json()
            #expect(body["scope"]?.string == "testapi")
            #expect(body["id_token"] == nil)
            #expect(body["refresh_token"] != nil, "the grant keeps offline_access")
        }
    }

    @Test func aRefreshTokenIsBoundToItsClient() async throws {
        try await TestServer.withRouter { client, _ in
            let token = try #require(try await BrowserFlow.nativeLogin(client)["refresh_token"]?.string)
            let response = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", token)],
                headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
            #expect(try response.json()["error"]?.string == "invalid_grant")
            #expect(try await Self.refresh(client, token).status == .ok, "the owner can still use it")
        }
    }

    @Test func refreshTokensOutliveAccessTokensButExpireAfterThirtyDays() async throws {
        try await TestServer.withRouter { client, mock in
            let token = try #require(try await BrowserFlow.nativeLogin(client)["refresh_token"]?.string)
            mock.kernel.clock.advance(by: 3601)
            let response = try await Self.refresh(client, token)
            #expect(response.status == .ok)
            let next = try #require(try response.json()["refresh_token"]?.string)
            mock.kernel.clock.advance(by: 30 * 24 * 3600)
            let expired = try await Self.refresh(client, next)
            #expect(try expired.json()["error"]?.string == "invalid_grant")
        }
    }

    @Test func withoutOfflineAccessThereIsNoRefreshToken() async throws {
        try await TestServer.withRouter { client, _ in
            let login = try await BrowserFlow.nativeLogin(client, scope: "openid testapi")
            #expect(login["refresh_token"] == nil)
            #expect(try await Self.refresh(client, "whatever").status == .badRequest)
        }
    }
}
