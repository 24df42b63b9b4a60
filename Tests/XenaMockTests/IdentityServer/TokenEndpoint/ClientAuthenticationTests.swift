import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

/// How clients identify themselves at the token endpoint, as IdentityServer4 (which Xena runs) accepts it.
@Suite struct ClientAuthenticationTests {
    /// A fresh code + PKCE of the public native client, and its verifier.
    static func nativeCode(_ client: some TestClientProtocol) async throws -> (code: String, verifier: String) {
        let pkce = PKCEPair()
        let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
        return (code, pkce.verifier)
    }

    static func exchange(_ client: some TestClientProtocol, extra: [(String, String)], headers: HTTPFields) async throws -> TestResponse {
        let (code, verifier) = try await Self.nativeCode(client)
        return try await client.postForm(
            "/connect/token",
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect), ("code_verifier", verifier)] + extra,
            headers: headers)
    }

    @Test func aPublicClientMayUseBasicWithAnEmptySecret() async throws {
        try await TestServer.withRouter { client, _ in
            // What golang.org/x/oauth2 sends after a Basic-authenticated call to the same token URL.
            let response = try await Self.exchange(client, extra: [], headers: [.authorization: FormBody.basic("demo-native.xena.biz", "")])
            #expect(response.status == .ok)
            #expect(try response.json()["refresh_token"]?.string != nil)
        }
    }

    @Test func aPublicClientMayUseBasicWithAnEmptySecretForARefresh() async throws {
        try await TestServer.withRouter { client, _ in
            let tokens = try await BrowserFlow.nativeLogin(client)
            let refreshed = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", try #require(tokens["refresh_token"]?.string))],
                headers: [.authorization: FormBody.basic("demo-native.xena.biz", "")])
            #expect(refreshed.status == .ok)
        }
    }

    @Test(arguments: [[("client_id", "demo-native.xena.biz")], [("client_id", "demo-native.xena.biz"), ("client_secret", "")]])
    func aPublicClientMayNameItselfInTheBodyWithOrWithoutAnEmptySecret(extra: [(String, String)]) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await Self.exchange(client, extra: extra, headers: [:])
            #expect(response.status == .ok)
        }
    }

    @Test func aPublicClientWithANonEmptySecretIsRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let basic = try await Self.exchange(client, extra: [], headers: [.authorization: FormBody.basic("demo-native.xena.biz", "guess")])
            #expect(basic.status == .unauthorized)
            #expect(try basic.json()["error"]?.string == "invalid_client")
            #expect(basic.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let body = try await Self.exchange(client, extra: [("client_id", "demo-native.xena.biz"), ("client_secret", "guess")], headers: [:])
            #expect(try body.json()["error"]?.string == "invalid_client")
        }
    }

    @Test func aConfidentialClientWithAnEmptySecretIsRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let grant = [("grant_type", "client_credentials")]
            let basic = try await client.postForm("/connect/token", grant, headers: [.authorization: FormBody.basic("demo-service.xena.biz", "")])
            #expect(basic.status == .unauthorized)
            #expect(try basic.json()["error"]?.string == "invalid_client")
            #expect(basic.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            let body = try await client.postForm("/connect/token", grant + [("client_id", "demo-service.xena.biz"), ("client_secret", "")])
            #expect(body.status == .unauthorized)
            #expect(try body.json()["error"]?.string == "invalid_client")
        }
    }

    @Test func discoveryStillAdvertisesWhatIdentityServer4Advertises() async throws {
        try await TestServer.withRouter { client, _ in
            let discovery = try await client.execute(uri: "/.well-known/openid-configuration", method: .get).json()
            #expect(discovery["token_endpoint_auth_methods_supported"]?.strings == ["client_secret_basic", "client_secret_post"])
        }
    }
}
