import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct CodeFlowTests {
    @Test func codeWithPKCEIssuesAccessIDAndRefreshTokens() async throws {
        try await TestServer.withRouter { client, mock in
            let pkce = PKCEPair()
            let result = try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))
            #expect(result.status == .found)
            #expect(result.location?.hasPrefix(BrowserFlow.nativeRedirect + "?") == true)
            #expect(result["state"] == "st-123")
            #expect(result["iss"] == mock.kernel.currentIssuer.string)
            let code = try #require(result["code"])

            let response = try await client.postForm(
                "/connect/token",
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect),
                    ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
                ])
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try response.json()
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["expires_in"] as? Int == 3600)
            #expect(body["scope"] as? String == "openid profile email testapi offline_access")
            #expect((body["refresh_token"] as? String)?.isEmpty == false)

            let alice = try #require(mock.kernel.directory.user(named: "alice"))
            let access = try DecodedJWT(try #require(body["access_token"] as? String)).claims
            #expect(access["sub"] as? String == alice.subject)
            #expect(access["client_id"] as? String == "demo-native.xena.biz")
            #expect(access["aud"] as? String == "testapi")
            #expect(access["amr"] as? [String] == ["pwd"])
            #expect(access["idp"] as? String == "local")
            let sid = try #require(access["sid"] as? String)
            let authTime = try #require(access["auth_time"] as? Int)

            let idTokenText = try #require(body["id_token"] as? String)
            let idToken = try DecodedJWT(idTokenText)
            #expect(idToken.header["kid"] as? String == mock.kernel.signingKey.keyID)
            #expect(idToken.header["typ"] as? String == "JWT")
            #expect(idToken.claims["aud"] as? String == "demo-native.xena.biz")
            #expect(idToken.claims["iss"] as? String == mock.kernel.currentIssuer.string)
            #expect(idToken.claims["nonce"] as? String == "n-456")
            #expect(idToken.claims["sid"] as? String == sid)
            #expect(idToken.claims["auth_time"] as? Int == authTime)
            #expect(idToken.claims["sub"] as? String == alice.subject)
            #expect(idToken.claims["at_hash"] as? String == TokenHash.leftHalfSHA256(try #require(body["access_token"] as? String)))
            #expect(idToken.claims["c_hash"] == nil)
            // An access token came with it, so profile and email go through userinfo, not the id_token.
            #expect(idToken.claims["name"] == nil)
            #expect(idToken.claims["email"] == nil)
        }
    }

    @Test func plainPKCEAndConfidentialClientsWork() async throws {
        try await TestServer.withRouter { client, _ in
            let verifier = String(repeating: "v", count: 50)
            let result = try await BrowserFlow.authorize(
                client,
                [
                    ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code"),
                    ("scope", "openid testapi"), ("code_challenge", verifier), ("code_challenge_method", "plain"),
                ])
            let response = try await client.postForm(
                "/connect/token",
                [
                    ("grant_type", "authorization_code"), ("code", try #require(result["code"])), ("redirect_uri", BrowserFlow.hybridRedirect),
                    ("code_verifier", verifier),
                ], headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
            #expect(response.status == .ok)
            #expect(try response.json()["refresh_token"] == nil, "no offline_access, no refresh token")
        }
    }

    /// Runs the authorization, then an exchange with `edit` applied to the exchange parameters.
    func exchangeError(
        _ edit: @Sendable ([(String, String)], PKCEPair) -> [(String, String)], advanceClock: TimeInterval = 0
    ) async throws -> [String: Any] {
        try await TestServer.withRouter { client, mock in
            let pkce = PKCEPair()
            let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
            mock.kernel.clock.advance(by: advanceClock)
            let parameters: [(String, String)] = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect),
                ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
            ]
            let response = try await client.postForm("/connect/token", edit(parameters, pkce))
            #expect(response.status == .badRequest)
            return try response.json()
        }
    }

    @Test func exchangeRefusals() async throws {
        let replace = { @Sendable (name: String, value: String?) in
            { @Sendable (parameters: [(String, String)], _: PKCEPair) -> [(String, String)] in
                parameters.compactMap { $0.0 == name ? value.map { (name, $0) } : $0 }
            }
        }
        #expect(try await self.exchangeError(replace("code_verifier", String(repeating: "x", count: 43)))["error"] as? String == "invalid_grant")
        #expect(try await self.exchangeError(replace("code_verifier", nil))["error"] as? String == "invalid_grant")
        #expect(try await self.exchangeError(replace("redirect_uri", "http://127.0.0.1:51234/other"))["error"] as? String == "invalid_grant")
        #expect(try await self.exchangeError(replace("redirect_uri", nil))["error"] as? String == "invalid_request")
        #expect(try await self.exchangeError(replace("code", "made-up"))["error"] as? String == "invalid_grant")
        #expect(try await self.exchangeError(replace("code", nil))["error"] as? String == "invalid_request")
        let expired = try await self.exchangeError({ parameters, _ in parameters }, advanceClock: 301)
        #expect(expired["error"] as? String == "invalid_grant")
        #expect((expired["error_description"] as? String)?.contains("expired") == true)
    }

    /// Exchanges a fresh code of the hybrid client with `extra` parameters and `headers`.
    func exchangeHybridCode(_ extra: [(String, String)], headers: HTTPFields = [:]) async throws -> TestResponse {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(
                client,
                [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code"), ("scope", "openid")])
            return try await client.postForm(
                "/connect/token",
                [("grant_type", "authorization_code"), ("code", try #require(result["code"])), ("redirect_uri", BrowserFlow.hybridRedirect)] + extra,
                headers: headers)
        }
    }

    @Test func aCodeIsBoundToItsClient() async throws {
        let response = try await self.exchangeHybridCode([("client_id", "demo-native.xena.biz")])
        #expect(response.status == .badRequest)
        #expect(try response.json()["error"] as? String == "invalid_grant")
    }

    @Test func aVerifierWithoutAChallengeIsRefused() async throws {
        let response = try await self.exchangeHybridCode(
            [("code_verifier", String(repeating: "a", count: 43))], headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
        #expect(try response.json()["error"] as? String == "invalid_grant")
    }

    @Test func reusingACodeFailsAndRevokesWhatItIssued() async throws {
        try await TestServer.withRouter { client, _ in
            let pkce = PKCEPair()
            let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
            let exchange: [(String, String)] = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect),
                ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
            ]
            let first = try await client.postForm("/connect/token", exchange).json()
            let accessToken = try #require(first["access_token"] as? String)
            let refreshToken = try #require(first["refresh_token"] as? String)
            let before = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(before.status == .ok)

            let second = try await client.postForm("/connect/token", exchange)
            #expect(second.status == .badRequest)
            #expect(try second.json()["error"] as? String == "invalid_grant")

            let after = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(after.status == .unauthorized)
            let refresh = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "demo-native.xena.biz")])
            #expect(try refresh.json()["error"] as? String == "invalid_grant")
        }
    }

    @Test func publicClientsCannotUseTheImplicitOrServiceGrants() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.postForm("/connect/token", [("grant_type", "client_credentials"), ("client_id", "demo-native.xena.biz")])
            #expect(try response.json()["error"] as? String == "unauthorized_client")
        }
    }
}
