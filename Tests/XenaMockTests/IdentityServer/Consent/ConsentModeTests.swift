import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

@Suite struct ConsentModeTests {
    static func configuration(_ mode: ConsentMode, script: [ConsentOutcome] = [], user: String = "alice") throws -> XenaMockConfiguration {
        var configuration = try TestServer.configuration()
        configuration.consentMode = mode
        configuration.consentScript = script
        configuration.defaultUser = user
        return configuration
    }

    static let hybridCode: [(String, String)] = [
        ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code"),
        ("scope", "openid profile testapi"), ("state", "s"),
    ]

    @Test func denyModeRefusesEveryRequest() async throws {
        try await TestServer.withRouter(try Self.configuration(.deny)) { client, _ in
            let result = try await BrowserFlow.authorize(client, Self.hybridCode)
            #expect(result["error"] == "access_denied")
            #expect(result["state"] == "s")
        }
    }

    @Test func autoModeUsesLoginHintThenTheDefaultUser() async throws {
        try await TestServer.withRouter(try Self.configuration(.auto, user: "bob")) { client, mock in
            let asDefault = try DecodedJWT(try #require(try await BrowserFlow.nativeLogin(client)["access_token"]?.string))
            #expect(asDefault.claims["sub"]?.string == mock.kernel.directory.user(named: "bob")?.subject)
            let hinted = try DecodedJWT(
                try #require(try await BrowserFlow.nativeLogin(client, extra: [("login_hint", "alice@example.dk")])["access_token"]?.string))
            #expect(hinted.claims["sub"]?.string == mock.kernel.directory.user(named: "alice")?.subject)
            let unknown = try await BrowserFlow.authorize(client, BrowserFlow.nativeCodeRequest(PKCEPair(), extra: [("login_hint", "mallory")]))
            #expect(unknown["error"] == "login_required")
        }
    }

    @Test func scriptedOutcomesAreUsedOncePerRequestInOrder() async throws {
        let script: [ConsentOutcome] = [
            .approve(user: "bob", scopes: ["testapi"]), .deny, .error(.loginRequired), .error(.consentRequired), .error(.interactionRequired),
            .error(.serverError), .error(.temporarilyUnavailable),
        ]
        try await TestServer.withRouter(try Self.configuration(.auto, script: script)) { client, mock in
            let approved = try await BrowserFlow.authorize(client, Self.hybridCode)
            #expect(approved["scope"] == "openid testapi", "fewer scopes; openid is kept")
            for expected in ["access_denied", "login_required", "consent_required", "interaction_required", "server_error", "temporarily_unavailable"] {
                let result = try await BrowserFlow.authorize(client, Self.hybridCode)
                #expect(result["error"] == expected)
            }
            // The queue is empty: the mode decides again.
            #expect(try await BrowserFlow.authorize(client, Self.hybridCode)["code"] != nil)

            mock.identityServer.consentScript.enqueue([.deny])
            #expect(try await BrowserFlow.authorize(client, Self.hybridCode)["error"] == "access_denied")

            // A request that fails validation does not use up an outcome.
            mock.identityServer.consentScript.enqueue([.deny])
            _ = try await BrowserFlow.authorize(client, [("client_id", "nobody")])
            #expect(mock.identityServer.consentScript.pending == [.deny])
        }
    }

    @Test func scriptedApprovalActsForTheNamedUser() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive, script: [.approve(user: "bob")])) { client, mock in
            let tokens = try await BrowserFlow.nativeLogin(client)
            let claims = try DecodedJWT(try #require(tokens["access_token"]?.string)).claims
            #expect(claims["sub"]?.string == mock.kernel.directory.user(named: "bob")?.subject)
        }
    }

    @Test func consentScriptJSONAcceptsObjectsAndNames() throws {
        let json = #"[{"outcome": "approve", "user": "bob", "scopes": ["openid"]}, "deny", {"outcome": "server_error"}, "approve"]"#
        let outcomes = try JSONDecoder().decode([ConsentOutcome].self, from: Data(json.utf8))
        #expect(outcomes == [.approve(user: "bob", scopes: ["openid"]), .deny, .error(.serverError), .approve()])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ConsentOutcome].self, from: Data(#"["maybe"]"#.utf8)) }
    }

    // MARK: Interactive

    /// Follows the interactive pages: authorize → login → (consent) → the client.
    struct Browser {
        let client: any TestClientProtocol
        var cookie: String?

        mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
            var headers = headers
            if let cookie { headers[.cookie] = cookie }
            let response = try await self.client.execute(uri: uri, method: .get, headers: headers)
            self.remember(response)
            return response
        }

        mutating func post(_ uri: String, _ form: [(String, String)]) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if let cookie { headers[.cookie] = cookie }
            let response = try await self.client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: FormBody.encode(form)))
            self.remember(response)
            return response
        }

        mutating func remember(_ response: TestResponse) {
            if let pair = BrowserFlow.cookiePair(BrowserFlow.read(response).setCookie) {
                self.cookie = pair.hasSuffix("=") ? nil : pair
            }
        }

        /// The path and query of a Location on this server.
        static func localPath(_ response: TestResponse) throws -> String {
            let location = try #require(response.headers[.location])
            let url = try #require(URLComponents(string: location))
            return url.percentEncodedPath + (url.percentEncodedQuery.map { "?" + $0 } ?? "")
        }

        static func pendingID(_ path: String) throws -> String {
            try #require(URLComponents(string: path)?.queryItems?.first { $0.name == "request" }?.value)
        }
    }

    @Test func interactiveLoginConsentAndSessionReuse() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive)) { client, mock in
            var browser = Browser(client: client)
            let first = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode))
            #expect(first.status == .found)
            let loginPath = try Browser.localPath(first)
            #expect(loginPath.hasPrefix("/account/login?request="))
            let pending = try Browser.pendingID(loginPath)

            let loginPage = try await browser.get(loginPath)
            #expect(String(buffer: loginPage.body).contains("name=\"password\""))
            #expect(String(buffer: loginPage.body).contains("Demo web app (hybrid)"))

            let wrong = try await browser.post("/account/login", [("request", pending), ("username", "alice"), ("password", "nope"), ("button", "login")])
            #expect(wrong.status == .ok)
            #expect(String(buffer: wrong.body).contains("Wrong username or password."))
            #expect(browser.cookie == nil)

            let loggedIn = try await browser.post("/account/login", [("request", pending), ("username", "alice"), ("password", "alice"), ("button", "login")])
            #expect(browser.cookie != nil)
            let consentPath = try Browser.localPath(loggedIn)
            #expect(consentPath.hasPrefix("/consent?request="))
            let consentPage = String(buffer: try await browser.get(consentPath).body)
            #expect(consentPage.contains("Demo web app (hybrid)"))
            #expect(consentPage.contains("value=\"testapi\""))

            let allowed = try await browser.post(
                "/consent",
                [("request", try Browser.pendingID(consentPath)), ("button", "allow"), ("scope[]", "openid"), ("scope[]", "testapi"), ("remember", "on")])
            let answer = BrowserFlow.read(allowed)
            #expect(answer["code"] != nil)
            #expect(answer["scope"] == "openid testapi", "profile was unticked")
            #expect(answer["state"] == "s")
            #expect(mock.identityServer.consents.records(subject: try #require(mock.kernel.directory.user(named: "alice")).subject).count == 1)

            // Second request: the session cookie skips login and the remembered consent skips the consent page.
            let again = BrowserFlow.read(
                try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode.map { $0.0 == "scope" ? ("scope", "openid testapi") : $0 })))
            #expect(again["code"] != nil)

            // prompt=login forces the login page again; prompt=consent the consent page.
            let forced = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode + [("prompt", "login")]))
            #expect(try Browser.localPath(forced).hasPrefix("/account/login"))
            let askConsent = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode + [("prompt", "consent")]))
            #expect(try Browser.localPath(askConsent).hasPrefix("/consent"))

            // prompt=none with a session but without a consent for new scopes.
            let needConsent = BrowserFlow.read(
                try await browser.get(
                    "/connect/authorize?" + BrowserFlow.query(Self.hybridCode.map { $0.0 == "scope" ? ("scope", "openid email") : $0 } + [("prompt", "none")])))
            #expect(needConsent["error"] == "consent_required")
        }
    }

    @Test func interactivePromptNoneWithoutSessionIsLoginRequired() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive)) { client, _ in
            let result = try await BrowserFlow.authorize(client, Self.hybridCode + [("prompt", "none")])
            #expect(result["error"] == "login_required")
            #expect(result["state"] == "s")
        }
    }

    @Test func interactiveDenyAndCancelSendAccessDenied() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive)) { client, _ in
            var browser = Browser(client: client)
            let start = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode))
            let pending = try Browser.pendingID(try Browser.localPath(start))
            let cancelled = BrowserFlow.read(try await browser.post("/account/login", [("request", pending), ("button", "cancel")]))
            #expect(cancelled["error"] == "access_denied")

            let again = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode))
            let loginPending = try Browser.pendingID(try Browser.localPath(again))
            let loggedIn = try await browser.post("/account/login", [("request", loginPending), ("username", "bob"), ("password", "bob")])
            let consentPath = try Browser.localPath(loggedIn)
            let denied = BrowserFlow.read(try await browser.post("/consent", [("request", try Browser.pendingID(consentPath)), ("button", "deny")]))
            #expect(denied["error"] == "access_denied")
            #expect(denied["state"] == "s")
        }
    }

    @Test func maxAgeForcesAFreshLogin() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive, script: [.approve()])) { client, mock in
            // The scripted approval starts a session without any page.
            var browser = Browser(client: client)
            _ = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode))
            #expect(browser.cookie != nil)
            mock.kernel.clock.advance(by: 120)
            let stale = try await browser.get("/connect/authorize?" + BrowserFlow.query(Self.hybridCode + [("max_age", "60")]))
            #expect(try Browser.localPath(stale).hasPrefix("/account/login"))
        }
    }

    @Test func expiredOrUnknownPendingRequestsShowAnErrorPage() async throws {
        try await TestServer.withRouter(try Self.configuration(.interactive)) { client, _ in
            let page = try await client.execute(uri: "/account/login?request=unknown", method: .get)
            #expect(page.status == .badRequest)
            let post = try await client.postForm("/consent", [("request", "unknown"), ("button", "allow")])
            #expect(post.status == .badRequest)
            let notForm = try await client.execute(
                uri: "/account/login", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
            #expect(notForm.status == .badRequest)
        }
    }
}
