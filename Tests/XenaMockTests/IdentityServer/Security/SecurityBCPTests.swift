import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// The OAuth 2.0 Security Best Current Practice (RFC 9700) as tests: one per item of the README's checklist.
@Suite struct SecurityBCPTests {
    typealias Browser = ConsentModeTests.Browser

    static func interactive() throws -> XenaMockConfiguration {
        try ConsentModeTests.configuration(.interactive)
    }

    /// The authorize path of a hybrid-client code request with `state` and `extra`.
    static func hybridAuthorize(state: String = "s", _ extra: [(String, String)] = []) -> String {
        "/connect/authorize?"
            + BrowserFlow.query(ConsentModeTests.hybridCode.map { $0.0 == "state" ? ("state", state) : $0 } + extra)
    }

    // MARK: §4.1 Redirect URIs

    @Test func authorizeNeverRedirectsToAnUnregisteredURI() async throws {
        try await TestServer.withRouter { client, _ in
            for uri in ["https://evil.example/cb", "http://localhost:8080/signin-oidc/../evil", "http://localhost:8080/signin-oidc?x=1"] {
                let result = try await BrowserFlow.authorize(
                    client, [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", uri), ("response_type", "code"), ("scope", "openid")])
                #expect(result.status == .badRequest, "\(uri)")
                #expect(result.location == nil, "\(uri)")
            }
            for uri in ["http://127.0.0.1:99999999999999999999999/callback", "http://127.0.0.1:65536/callback", "http://127.0.0.1:0/callback"] {
                let native = try await BrowserFlow.authorize(
                    client, BrowserFlow.nativeCodeRequest(PKCEPair()).map { $0.0 == "redirect_uri" ? ("redirect_uri", uri) : $0 })
                #expect(native.status == .badRequest && native.location == nil, "\(uri): a loopback URI needs a real port")
            }
            let unknownClient = try await BrowserFlow.authorize(
                client, [("client_id", "nobody"), ("redirect_uri", "https://evil.example/cb"), ("response_type", "code"), ("scope", "openid")])
            #expect(unknownClient.location == nil)
        }
    }

    @Test func endSessionRedirectsOnlyToARegisteredPostLogoutURI() async throws {
        try await TestServer.withRouter { client, _ in
            let registered = "http://localhost:8080/signout-callback-oidc"
            for (clientID, uri, redirects) in [
                ("demo-hybrid.xena.biz", registered, true), ("demo-hybrid.xena.biz", "https://evil.example/", false),
                ("demo-native.xena.biz", registered, false),
            ] {
                let response = try await client.execute(
                    uri: "/connect/endsession?" + BrowserFlow.query([("client_id", clientID), ("post_logout_redirect_uri", uri)]), method: .get)
                #expect((response.headers[.location] != nil) == redirects, "\(clientID) \(uri)")
                if let location = response.headers[.location] { #expect(location.hasPrefix(registered)) }
            }
        }
    }

    // MARK: §4.16 Pages

    @Test func everyReflectedValueIsEscapedInHTML() async throws {
        let evil = "\"><script>alert(1)</script>"
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            let registered = try await client.control(
                .post, "/clients",
                json:
                    #"{"client_id": "xss.example", "client_name": "<b onmouseover=x>App</b>", "client_secrets": ["s"], "grant_types": ["authorization_code"], "allowed_scopes": ["openid", "testapi"], "redirect_uris": ["http://localhost:9/cb"]}"#
            )
            #expect(registered.status == .created)
            var browser = Browser(client: client)
            let start = try await browser.get(
                "/connect/authorize?"
                    + BrowserFlow.query([
                        ("client_id", "xss.example"), ("redirect_uri", "http://localhost:9/cb"), ("response_type", "code"),
                        ("scope", "openid testapi"), ("state", evil), ("login_hint", evil), ("response_mode", "form_post"),
                    ]))
            let loginPath = try Browser.localPath(start)
            let login = String(buffer: try await browser.get(loginPath).body)
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(loginPath)), ("username", "alice"), ("password", "alice"), ("button", "login")])
            let consentPath = try Browser.localPath(loggedIn)
            let consent = String(buffer: try await browser.get(consentPath).body)
            let answered = try await browser.post("/consent", [("request", try Browser.pendingID(consentPath)), ("button", "allow"), ("scope[]", "openid")])
            let formPost = String(buffer: answered.body)
            let errorPage = String(
                buffer: try await client.execute(
                    uri: "/connect/authorize?" + BrowserFlow.query([("client_id", evil), ("redirect_uri", evil), ("response_type", "code")]),
                    method: .get
                ).body)
            for (name, page) in [("login", login), ("consent", consent), ("form_post", formPost), ("error", errorPage)] {
                #expect(!page.contains("<script>alert"), "\(name) page reflects a script")
                #expect(!page.contains("<b onmouseover"), "\(name) page reflects markup")
            }
            #expect(login.contains("&lt;b onmouseover=x&gt;App&lt;/b&gt;"))
            #expect(formPost.contains("&quot;&gt;&lt;script&gt;"))
        }
    }

    @Test func loginAndConsentFormsRefusePostsFromAnotherSite() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let loginPath = try Browser.localPath(try await browser.get(Self.hybridAuthorize()))
            let form = FormBody.encode([("request", try Browser.pendingID(loginPath)), ("username", "alice"), ("password", "alice"), ("button", "login")])
            for header in [(HTTPField.Name.origin, "https://evil.example"), (.secFetchSite, "cross-site"), (.secFetchSite, "same-site")] {
                let response = try await client.execute(
                    uri: "/account/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", header.0: header.1],
                    body: ByteBuffer(string: form))
                #expect(response.status == .forbidden, "\(header)")
                #expect(response.headers[.setCookie] == nil)
            }
            let consentRefused = try await client.execute(
                uri: "/consent", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .origin: "null"],
                body: ByteBuffer(string: "request=x&button=allow"))
            #expect(consentRefused.status == .forbidden)
            // The same post from the mock's own pages (same origin) logs in.
            let sameOrigin = try await client.execute(
                uri: "/account/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "http://localhost:5000", .secFetchSite: "same-origin"],
                body: ByteBuffer(string: form))
            #expect(sameOrigin.status == .found)
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndSameSiteLax() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let loginPath = try Browser.localPath(try await browser.get(Self.hybridAuthorize()))
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(loginPath)), ("username", "alice"), ("password", "alice"), ("button", "login")])
            let cookie = try #require(loggedIn.headers[.setCookie])
            #expect(cookie.hasPrefix("xena-mock.session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "plain http: Secure would make browsers drop it")
        }
    }

    @Test func everyPageForbidsFramingAndCarriesAStrictCSP() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let loginPath = try Browser.localPath(try await browser.get(Self.hybridAuthorize(["response_mode": "form_post"].map { $0 })))
            var pages = [("login", try await browser.get(loginPath))]
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(loginPath)), ("username", "alice"), ("password", "alice"), ("button", "login")])
            let consentPath = try Browser.localPath(loggedIn)
            pages.append(("consent", try await browser.get(consentPath)))
            pages.append(("form_post", try await browser.post("/consent", [("request", try Browser.pendingID(consentPath)), ("button", "allow")])))
            pages.append(("error", try await client.execute(uri: "/connect/authorize?client_id=nobody", method: .get)))
            pages.append(("expired", try await client.execute(uri: "/account/login?request=gone", method: .get)))
            pages.append(("signed out", try await client.execute(uri: "/connect/endsession", method: .get)))
            for (name, page) in pages {
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(name)")
                #expect(page.headers[.xFrameOptions] == "DENY", "\(name)")
                let policy = try #require(page.headers[.contentSecurityPolicy], "\(name)")
                #expect(policy.contains("frame-ancestors 'none'"), "\(name)")
                #expect(policy.contains("default-src 'none'"), "\(name)")
                #expect(!policy.contains("unsafe-inline"), "\(name)")
                #expect(!String(buffer: page.body).contains(" onload="), "\(name): no inline event handlers")
                #expect(!String(buffer: page.body).contains("<script>"), "\(name): no inline script")
                #expect(!String(buffer: page.body).contains("<style"), "\(name): no inline style")
                #expect(policy.contains("style-src 'self'"), "\(name)")
            }
            // The form_post page's only script is the mock's own, which its CSP allows; the others allow none.
            let formPost = pages.first { $0.0 == "form_post" }!.1
            #expect(formPost.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(String(buffer: formPost.body).contains("<script src=\"/assets/form-post.js\"></script>"))
            let script = try await client.execute(uri: "/assets/form-post.js", method: .get)
            #expect(script.status == .ok)
            #expect(String(buffer: script.body) == "document.forms[0].submit();\n")
            #expect(try await client.execute(uri: "/assets/xena-mock.css", method: .get).headers[.contentType] == "text/css; charset=utf-8")
        }
    }

    // MARK: §2.5, §4.1.3 Secrets, codes and tokens

    @Test func secretsAreComparedInConstantTime() {
        // Every byte is compared whatever the first difference, and lengths are compared without an early exit.
        #expect(ClientAuthenticator.constantTimeEquals("demo-hybrid-secret", "demo-hybrid-secret"))
        #expect(!ClientAuthenticator.constantTimeEquals("demo-hybrid-secret", "demo-hybrid-secreT"))
        #expect(!ClientAuthenticator.constantTimeEquals("Xemo-hybrid-secret", "demo-hybrid-secret"))
        #expect(!ClientAuthenticator.constantTimeEquals("demo-hybrid-secret", "demo-hybrid-secret-longer"))
        #expect(!ClientAuthenticator.constantTimeEquals("", "x"))
        #expect(ClientAuthenticator.constantTimeEquals("", ""))
    }

    @Test func codesAndRefreshTokensCarryAtLeast128BitsOfRandomness() async throws {
        try await TestServer.withRouter { client, _ in
            var codes = Set<String>()
            var refreshTokens = Set<String>()
            for _ in 0..<20 {
                let pkce = PKCEPair()
                let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
                codes.insert(code)
                let tokens = try await client.postForm(
                    "/connect/token",
                    [
                        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect),
                        ("client_id", "demo-native.xena.biz"), ("code_verifier", pkce.verifier),
                    ]
                ).json()
                refreshTokens.insert(try #require(tokens["refresh_token"]?.string))
            }
            for secret in codes.union(refreshTokens) {
                // base64url: 6 bits a character; 22 characters hold 132 bits.
                #expect(secret.count >= 22)
                let bytes = try DecodedJWT.base64URLDecode(secret)
                #expect(bytes.count * 8 >= 128)
            }
            #expect(codes.count == 20 && refreshTokens.count == 20, "no repeats")
        }
    }

    @Test func aPKCEDowngradeIsRefused() async throws {
        try await TestServer.withRouter { client, _ in
            let pkce = PKCEPair()
            let code = try #require(try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(pkce))["code"])
            let base = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.nativeRedirect), ("client_id", "demo-native.xena.biz"),
            ]
            // Without the verifier, and with the challenge itself as a "plain" verifier: both refused.
            let without = try await client.postForm("/connect/token", base)
            #expect(try without.json()["error"]?.string == "invalid_grant")
            let plain = try await client.postForm("/connect/token", base + [("code_verifier", pkce.challenge)])
            #expect(try plain.json()["error"]?.string == "invalid_grant")
            // A client that requires PKCE cannot leave it out at the authorize endpoint either.
            let noChallenge = try await BrowserFlow.authorize(
                client, BrowserFlow.nativeCodeRequest(pkce).filter { !$0.0.hasPrefix("code_challenge") })
            #expect(noChallenge["error"] == "invalid_request")
        }
    }

    @Test func refreshTokensAreBoundToTheirClient() async throws {
        try await TestServer.withRouter { client, _ in
            let tokens = try await BrowserFlow.nativeLogin(client)
            let refreshToken = try #require(tokens["refresh_token"]?.string)
            let stolen = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", refreshToken)],
                headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
            #expect(try stolen.json()["error"]?.string == "invalid_grant")
            let owner = try await client.postForm(
                "/connect/token", [("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", "demo-native.xena.biz")])
            #expect(owner.status == .ok, "the refusal did not burn the owner's token")
        }
    }

    @Test func aCodeCannotBeRedeemedByAnotherClientOrWithAnotherRedirectURI() async throws {
        try await TestServer.withRouter { client, _ in
            let request = [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code"), ("scope", "openid")]
            let code = try #require(try await BrowserFlow.authorize(client, request)["code"])
            let otherClient = try await client.postForm(
                "/connect/token",
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", BrowserFlow.hybridRedirect), ("client_id", "demo-native.xena.biz")])
            #expect(try otherClient.json()["error"]?.string == "invalid_grant")
            let secondCode = try #require(try await BrowserFlow.authorize(client, request)["code"])
            let otherRedirect = try await client.postForm(
                "/connect/token", [("grant_type", "authorization_code"), ("code", secondCode), ("redirect_uri", "http://127.0.0.1:8080/callback")],
                headers: [.authorization: FormBody.basic("demo-hybrid.xena.biz", "demo-hybrid-secret")])
            #expect(try otherRedirect.json()["error"]?.string == "invalid_grant")
        }
    }

    // MARK: §4.4 Mix-up

    @Test func everyAuthorizationResponseCarriesIss() async throws {
        try await TestServer.withRouter { client, mock in
            let issuer = mock.kernel.currentIssuer.string
            let hybrid = [("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("nonce", "n"), ("state", "s")]
            let cases: [[(String, String)]] = [
                hybrid + [("response_type", "code"), ("scope", "openid")],
                hybrid + [("response_type", "code id_token"), ("scope", "openid")],
                hybrid + [("response_type", "code id_token"), ("scope", "openid"), ("response_mode", "form_post")],
                hybrid + [("response_type", "code"), ("scope", "openid unknown")],  // an error
                hybrid + [("response_type", "code"), ("scope", "openid"), ("prompt", "none login")],  // another error
            ]
            for parameters in cases {
                let result = try await BrowserFlow.authorize(client, parameters)
                #expect(result["iss"] == issuer, "\(parameters)")
            }
            mock.identityServer.consentScript.enqueue([.deny])
            #expect(try await BrowserFlow.authorize(client, cases[0])["iss"] == issuer)
        }
    }

    // MARK: The control plane

    @Test func theControlAPIOffLoopbackNeedsTheAdminToken() async throws {
        var configuration = try TestServer.configuration()
        configuration.host = "0.0.0.0"
        await #expect(throws: ConfigurationError.self) { try await XenaMockInstance(configuration: configuration) }
        configuration.adminToken = "s3cret"
        let statuses = try await TestServer.withRouter(configuration) { client, _ in
            [
                try await client.control(.get, "/clock").status, try await client.control(.get, "/clock", adminToken: "wrong").status,
                try await client.control(.post, "/reset", adminToken: "wrong").status, try await client.control(.get, "/clock", adminToken: "s3cret").status,
            ]
        }
        #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .ok])
    }
}
