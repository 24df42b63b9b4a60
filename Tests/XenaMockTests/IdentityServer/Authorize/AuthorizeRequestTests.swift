import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct AuthorizeRequestTests {
    static let pkce = PKCEPair()

    @Test(arguments: [
        ("unknown client", [("client_id", "nobody.xena.biz"), ("redirect_uri", "http://localhost:8080/signin-oidc")]),
        ("missing client", [("redirect_uri", "http://localhost:8080/signin-oidc"), ("response_type", "code")]),
        ("missing redirect_uri", [("client_id", "demo-hybrid.xena.biz"), ("response_type", "code")]),
        ("unregistered redirect_uri", [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", "http://evil.example/cb"), ("response_type", "code")]),
        ("redirect_uri differs by path", [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", "http://localhost:8080/signin-oidc/x")]),
        ("localhost is not loopback-any-port", [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", "http://localhost:9999/signin-oidc")]),
        ("duplicate parameter", [("client_id", "demo-hybrid.xena.biz"), ("client_id", "demo-hybrid.xena.biz")]),
    ])
    func untrustworthyRequestsGetAnErrorPageNeverARedirect(name: String, parameters: [(String, String)]) async throws {
        try await TestServer.withRouter { client, _ in
            let result = try await BrowserFlow.authorize(client, parameters)
            #expect(result.status == .badRequest, "\(name)")
            #expect(result.location == nil, "\(name)")
            #expect(result.body.contains("Sign-in error"), "\(name)")
        }
    }

    static let hybridBase: [(String, String)] = [
        ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", "http://localhost:8080/signin-oidc"), ("state", "s1"),
    ]

    struct RedirectCase: Sendable, CustomTestStringConvertible {
        let name: String
        let parameters: [(String, String)]
        let error: String
        /// Where the error is expected: "query", "fragment" or "form_post".
        let mode: String
        var testDescription: String { self.name }
    }

    static let redirectCases: [RedirectCase] = [
        .init(name: "missing response_type", parameters: hybridBase + [("scope", "openid")], error: "invalid_request", mode: "query"),
        .init(
            name: "unsupported response_type", parameters: hybridBase + [("response_type", "token"), ("scope", "openid")],
            error: "unsupported_response_type", mode: "query"),
        .init(
            name: "flow the client is not registered for", parameters: hybridBase + [("response_type", "id_token token"), ("scope", "openid"), ("nonce", "n")],
            error: "unauthorized_client", mode: "fragment"),
        .init(
            name: "unknown response_mode", parameters: hybridBase + [("response_type", "code"), ("response_mode", "web_message"), ("scope", "openid")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "tokens in the query",
            parameters: hybridBase + [("response_type", "code id_token"), ("response_mode", "query"), ("scope", "openid"), ("nonce", "n")],
            error: "invalid_request", mode: "query"),
        .init(name: "missing scope", parameters: hybridBase + [("response_type", "code")], error: "invalid_request", mode: "query"),
        .init(
            name: "scope the client may not have", parameters: hybridBase + [("response_type", "code"), ("scope", "openid admin")],
            error: "invalid_scope", mode: "query"),
        .init(
            name: "id_token without openid", parameters: hybridBase + [("response_type", "code id_token"), ("scope", "testapi"), ("nonce", "n")],
            error: "invalid_request", mode: "fragment"),
        .init(
            name: "id_token without nonce", parameters: hybridBase + [("response_type", "code id_token"), ("response_mode", "form_post"), ("scope", "openid")],
            error: "invalid_request", mode: "form_post"),
        .init(
            name: "bad code_challenge_method",
            parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("code_challenge", pkce.challenge), ("code_challenge_method", "S512")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "too short code_challenge", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("code_challenge", "abc")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "unknown prompt", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("prompt", "select_account")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "prompt none with login", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("prompt", "none login")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "negative max_age", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("max_age", "-5")],
            error: "invalid_request", mode: "query"),
        .init(
            name: "request object", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("request", "eyJ...")],
            error: "request_not_supported", mode: "query"),
        .init(
            name: "request_uri", parameters: hybridBase + [("response_type", "code"), ("scope", "openid"), ("request_uri", "urn:x")],
            error: "request_uri_not_supported", mode: "query"),
        .init(
            name: "public client without PKCE",
            parameters: [
                ("client_id", "demo-native.xena.biz"), ("redirect_uri", "http://127.0.0.1:4000/callback"), ("response_type", "code"),
                ("scope", "openid"), ("state", "s1"),
            ], error: "invalid_request", mode: "query"),
        .init(
            name: "offline_access without a code",
            parameters: [
                ("client_id", "demo-implicit.xena.biz"), ("redirect_uri", "http://localhost:8080/callback.html"), ("response_type", "id_token"),
                ("scope", "openid offline_access"), ("nonce", "n"), ("state", "s1"),
            ], error: "invalid_scope", mode: "fragment"),
    ]

    @Test(arguments: redirectCases)
    func otherErrorsGoBackToTheClientWithStateAndIssuer(_ errorCase: RedirectCase) async throws {
        try await TestServer.withRouter { client, mock in
            let result = try await BrowserFlow.authorize(client, errorCase.parameters)
            #expect(result["error"] == errorCase.error)
            #expect(result["error_description"]?.isEmpty == false)
            #expect(result["state"] == "s1")
            #expect(result["iss"] == mock.kernel.currentIssuer.string)
            switch errorCase.mode {
            case "form_post":
                #expect(result.status == .ok)
                #expect(result.body.contains("<script src=\"/assets/form-post.js\"></script>"), "the page submits itself with the mock's own script")
            case "fragment":
                #expect(result.status == .found)
                #expect(result.location?.contains("#error=") == true)
            default:
                #expect(result.status == .found)
                #expect(result.location?.contains("?error=") == true)
            }
        }
    }

    @Test func loopbackRedirectMatchesAnyPort() async throws {
        try await TestServer.withRouter { client, _ in
            for port in [80, 4000, 65000] {
                let redirect = "http://127.0.0.1:\(port)/callback"
                let result = try await BrowserFlow.authorize(
                    client,
                    [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", redirect), ("response_type", "code"), ("scope", "openid"), ("state", "x")])
                #expect(result.location?.hasPrefix(redirect + "?code=") == true, "\(port)")
            }
            let otherPath = try await BrowserFlow.authorize(
                client, [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", "http://127.0.0.1:4000/other"), ("response_type", "code")])
            #expect(otherPath.status == .badRequest)
        }
    }

    @Test func anIssuerRedirectURIMatchesThatPageOfTheMockWhereverItRuns() async throws {
        for issuer in ["http://localhost:5000", "https://mock.example:8443/prefix"] {
            try await TestServer.withRouter(try TestServer.configuration(issuer: issuer)) { client, _ in
                let callback = issuer + "/_mock/playground/callback"
                let accepted = try await Self.nativeAuthorize(client, redirect: callback)
                #expect(accepted.location?.hasPrefix(callback + "?code=") == true, "\(issuer)")
                for other in ["{issuer}/_mock/playground/callback", "http://elsewhere.example/_mock/playground/callback", callback + "/x"] {
                    let refused = try await Self.nativeAuthorize(client, redirect: other)
                    #expect(refused.status == .badRequest, "\(other)")
                }
            }
        }
    }

    private static func nativeAuthorize(_ client: any TestClientProtocol, redirect: String) async throws -> AuthorizeResult {
        try await BrowserFlow.authorize(
            client,
            [
                ("client_id", "demo-native.xena.biz"), ("redirect_uri", redirect), ("response_type", "code"), ("scope", "openid"),
                ("state", "x"), ("code_challenge", PKCEPair().challenge), ("code_challenge_method", "S256"),
            ])
    }

    @Test func postAuthorizeWorksLikeGet() async throws {
        try await TestServer.withRouter { client, _ in
            let pkce = PKCEPair()
            let response = try await client.postForm("/connect/authorize", BrowserFlow.nativeCodeRequest(pkce))
            let result = BrowserFlow.read(response)
            #expect(result.status == .found)
            #expect(result["code"] != nil)
            #expect(result["state"] == "st-123")
        }
    }

    @Test func theRFC7636AppendixBVectorVerifies() throws {
        let challenge = try PKCEChallenge(challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", method: "S256")
        #expect(challenge.isSatisfied(by: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        #expect(!challenge.isSatisfied(by: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXX"))
        let plain = try PKCEChallenge(challenge: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", method: nil)
        #expect(plain.method == .plain)
        #expect(plain.isSatisfied(by: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
    }
}
