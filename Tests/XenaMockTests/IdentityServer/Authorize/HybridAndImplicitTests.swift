import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct HybridAndImplicitTests {
    @Test func hybridFormPostAsXenaSamplesUseIt() async throws {
        try await TestServer.withRouter { client, mock in
            let result = try await BrowserFlow.authorize(
                client,
                [
                    ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code id_token"),
                    ("response_mode", "form_post"), ("scope", "openid profile testapi offline_access"), ("nonce", "abc"), ("state", "xyz"),
                ])
            #expect(result.status == .ok)
            #expect(result.body.contains("action=\"http://localhost:8080/signin-oidc\""))
            #expect(result.body.contains("<script src=\"/assets/form-post.js\"></script>"), "the page submits itself with the mock's own script")
            let code = try #require(result["code"])
            let idToken = try DecodedJWT(try #require(result["id_token"]))
            #expect(result["state"] == "xyz")
            #expect(result["iss"] == mock.kernel.currentIssuer.string)
            #expect(idToken.claims["c_hash"]?.string == TokenHash.leftHalfSHA256(code))
            #expect(idToken.claims["at_hash"] == nil)
            #expect(idToken.claims["nonce"]?.string == "abc")
            // No access token from the authorize endpoint: profile claims ride in the id_token.
            #expect(idToken.claims["name"]?.string == "Alice Sørensen")

            let tokens = try await client.postForm(
                "/connect/token",
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.hybridRedirect)],
                headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")]
            ).json()
            #expect(tokens["refresh_token"] != nil)
            let exchanged = try DecodedJWT(try #require(tokens["id_token"]?.string))
            #expect(exchanged.claims["sid"]?.string == idToken.claims["sid"]?.string)
            #expect(exchanged.claims["nonce"]?.string == "abc")
        }
    }

    @Test func codeIDTokenTokenHashesBoth() async throws {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(
                client,
                [
                    ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code id_token token"),
                    ("scope", "openid profile testapi"), ("nonce", "n1"), ("prompt", "consent"),
                ])
            #expect(result.location?.hasPrefix(BrowserFlow.hybridRedirect + "#") == true, "fragment is the default for hybrid")
            let accessToken = try #require(result["access_token"])
            let idToken = try DecodedJWT(try #require(result["id_token"]))
            #expect(idToken.claims["at_hash"]?.string == TokenHash.leftHalfSHA256(accessToken))
            #expect(idToken.claims["c_hash"]?.string == TokenHash.leftHalfSHA256(try #require(result["code"])))
            #expect(idToken.claims["name"] == nil)
            #expect(result["token_type"] == "Bearer")
            #expect(result["expires_in"] == "3600")
        }
    }

    @Test func codeTokenWithoutOpenID() async throws {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(
                client,
                [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code token"), ("scope", "testapi")])
            #expect(result["code"] != nil)
            #expect(result["access_token"] != nil)
            #expect(result["id_token"] == nil)
        }
    }

    @Test func implicitIDTokenTokenForSinglePageApps() async throws {
        try await TestServer.withRouter { client, mock in
            let result = try await BrowserFlow.authorize(
                client,
                [
                    ("client_id", "demo-implicit.xena.biz"), ("redirect_uri", BrowserFlow.implicitRedirect), ("response_type", "id_token token"),
                    ("scope", "openid profile email testapi"), ("nonce", "spa"), ("state", "s"),
                ])
            #expect(result.location?.hasPrefix(BrowserFlow.implicitRedirect + "#") == true)
            let accessToken = try #require(result["access_token"])
            #expect(result["scope"] == "openid profile email testapi")
            #expect(result["code"] == nil)
            let idToken = try DecodedJWT(try #require(result["id_token"]))
            #expect(idToken.claims["aud"]?.string == "demo-implicit.xena.biz")
            #expect(idToken.claims["at_hash"]?.string == TokenHash.leftHalfSHA256(accessToken))
            #expect(idToken.claims["email"] == nil)
            let access = try DecodedJWT(accessToken).claims
            #expect(access["client_id"]?.string == "demo-implicit.xena.biz")
            #expect(access["sid"]?.string == idToken.claims["sid"]?.string)
            #expect(access["iss"]?.string == mock.kernel.currentIssuer.string)
        }
    }

    @Test func implicitIDTokenOnlyCarriesProfileAndEmail() async throws {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(
                client,
                [
                    ("client_id", "demo-implicit.xena.biz"), ("redirect_uri", BrowserFlow.implicitRedirect), ("response_type", "id_token"),
                    ("scope", "openid profile email"), ("nonce", "spa"), ("login_hint", "bob"),
                ])
            let idToken = try DecodedJWT(try #require(result["id_token"]))
            #expect(idToken.claims["preferred_username"]?.string == "bob")
            #expect(idToken.claims["email"]?.string == "bob@example.dk")
            #expect(idToken.claims["email_verified"]?.bool == true)
            #expect(idToken.claims["at_hash"] == nil)
            #expect(result["access_token"] == nil)
        }
    }
}
