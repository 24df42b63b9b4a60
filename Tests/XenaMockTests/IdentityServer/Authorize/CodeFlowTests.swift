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
            #expect(body["token_type"]?.string == "Bearer")
            #expect(body["expires_in"]?.integer == 3600)
            #expect(body["scope"]?.string == "openid profile email testapi offline_access")
            #expect((body["refresh_token"]?.string)?.isEmpty == false)

            let alice = try #require(mock.kernel.directory.user(named: "alice"))
            let access = try DecodedJWT(try #require(body["access_token"]?.string)).claims
            #expect(access["sub"]?.string == alice.subject)
            #expect(access["client_id"]?.string == "demo-native.xena.biz")
            #expect(access["aud"]?.string == "testapi")
            #expect(access["amr"]?.strings == ["pwd"])
            #expect(access["idp"]?.string == "local")
            let sid = try #require(access["sid"]?.string)
            let authTime = try #require(access["auth_time"]?.integer)

            let idTokenText = try #require(body["id_token"]?.string)
            let idToken = try DecodedJWT(idTokenText)
            #expect(idToken.header["kid"]?.string == mock.kernel.signingKey.keyID)
            #expect(idToken.header["typ"]?.string == "JWT")
            #expect(idToken.claims["aud"]?.string == "demo-native.xena.biz")
            #expect(idToken.claims["iss"]?.string == mock.kernel.currentIssuer.string)
            #expect(idToken.claims["nonce"]?.string == "n-456")
            #expect(idToken.claims["sid"]?.string == sid)
            #expect(idToken.claims["auth_time"]?.integer == authTime)
            #expect(idToken.claims["sub"]?.string == alice.subject)
            #expect(idToken.claims["at_hash"]?.string == TokenHash.leftHalfSHA256(try #require(body["access_token"]?.string)))
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
    ) async throws -> JSONValue {
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
        #expect(try await self.exchangeError(replace("code_verifier", String(repeating: "x", count: 43)))["error"]?.string == "invalid_grant")
        #expect(try await self.exchangeError(replace("code_verifier", nil))["error"]?.string == "invalid_grant")
        #expect(try await self.exchangeError(replace("redirect_uri", "http://127.0.0.1:51234/other"))["error"]?.string == "invalid_grant")
        #expect(try await self.exchangeError(replace("redirect_uri", nil))["error"]?.string == "invalid_request")
        #expect(try await self.exchangeError(replace("code", "made-up"))["error"]?.string == "invalid_grant")
        #expect(try await self.exchangeError(replace("code", nil))["error"]?.string == "invalid_request")
        let expired = try await self.exchangeError({ parameters, _ in parameters }, advanceClock: 301)
        #expect(expired["error"]?.string == "invalid_grant")
        #expect((expired["error_description"]?.string)?.contains("expired") == true)
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
        #expect(try response.json()["error"]?.string == "invalid_grant")
    }

    @Test func aVerifierWithoutAChallengeIsRefused() async throws {
        let response = try await self.exchangeHybridCode(
            [("code_verifier", String(repeating: "a", count: 43))], headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
        #expect(try response.json()["error"]?.string == "invalid_grant")
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
            let accessToken = try #require(first["access_token"]?.string)
            let refreshToken = try #require(first["refresh_token"]?.string)
            let before = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(before.status == .ok)

            let second = try await client.postForm("/connect/token", exchange)
            #expect(second.status == .badRequest)
            #expect(try second.json()["error"]?.string == "invalid_grant")

            let after = try await client.execute(uri: "/connect/userinfo", method: .get, headers: [.authorization: "Bearer \(accessToken)"])
            #expect(after.status == .unauthorized)
            let refresh = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "demo-native.xena.biz")])
            #expect(try refresh.json()["error"]?.string == "invalid_grant")
        }
    }

    @Test func publicClientsCannotUseTheImplicitOrServiceGrants() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.postForm("/connect/token", [("grant_type", "client_credentials"), ("client_id", "demo-native.xena.biz")])
            #expect(try response.json()["error"]?.string == "unauthorized_client")
        }
    }
}
