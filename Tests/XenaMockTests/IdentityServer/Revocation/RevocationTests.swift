import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct RevocationTests {
    @Test func revokingARefreshTokenEndsIt() async throws {
        try await TestServer.withRouter { client, _ in
            let token = try #require(try await BrowserFlow.nativeLogin(client)["refresh_token"]?.string)
            let revoked = try await client.postForm(
                "/connect/revocation", [("token", token), ("token_type_hint", "refresh_token"), ("client_id", "demo-native.xena.biz")])
            #expect(revoked.status == .ok)
            let refresh = try await RefreshTokenGrantTests.refresh(client, token)
            #expect(try refresh.json()["error"]?.string == "invalid_grant")
        }
    }

    @Test func revokingAnAccessTokenMakesUserinfoRefuseIt() async throws {
        try await TestServer.withRouter { client, _ in
            let token = try #require(try await BrowserFlow.nativeLogin(client)["access_token"]?.string)
            let revoked = try await client.postForm("/connect/revocation", [("token", token), ("client_id", "demo-native.xena.biz")])
            #expect(revoked.status == .ok)
            let userinfo = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(userinfo.status == .unauthorized)
            #expect(userinfo.headers[.wwwAuthenticate]?.contains("revoked") == true)
        }
    }

    @Test func unknownTokensAndOtherClientsTokensAnswer200WithoutEffect() async throws {
        try await TestServer.withRouter { client, _ in
            let unknown = try await client.postForm("/connect/revocation", [("token", "nothing"), ("client_id", "demo-native.xena.biz")])
            #expect(unknown.status == .ok)

            let token = try #require(try await BrowserFlow.nativeLogin(client)["access_token"]?.string)
            let other = try await client.postForm(
                "/connect/revocation", [("token", token)], headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
            #expect(other.status == .ok)
            let userinfo = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(userinfo.status == .ok)
        }
    }

    @Test func clientAuthenticationAndTokenAreRequired() async throws {
        try await TestServer.withRouter { client, _ in
            let anonymous = try await client.postForm("/connect/revocation", [("token", "x")])
            #expect(anonymous.status == .unauthorized)
            #expect(try anonymous.json()["error"]?.string == "invalid_client")
            let noToken = try await client.postForm("/connect/revocation", [("client_id", "demo-native.xena.biz")])
            #expect(try noToken.json()["error"]?.string == "invalid_request")
            let badHint = try await client.postForm(
                "/connect/revocation", [("client_id", "demo-native.xena.biz"), ("token", "x"), ("token_type_hint", "id_token")])
            #expect(try badHint.json()["error"]?.string == "unsupported_token_type")
        }
    }
}
