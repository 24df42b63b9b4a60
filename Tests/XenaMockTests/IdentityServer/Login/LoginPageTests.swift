import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// The login and code pages behave like Xena's: Danish or English, demo users with one-click login, login by email or
/// username alias, and 2-step verification with a one-time code.
@Suite struct LoginPageTests {
    typealias Browser = ConsentModeTests.Browser

    /// Starts an interactive authorization and answers the login page's path.
    static func loginPath(_ browser: inout Browser, extra: [(String, String)] = []) async throws -> String {
        let first = try await browser.get("/connect/authorize?" + BrowserFlow.query(ConsentModeTests.hybridCode + extra))
        #expect(first.status == .found)
        return try Browser.localPath(first)
    }

    static func interactive() throws -> XenaMockConfiguration { try ConsentModeTests.configuration(.interactive) }

    @Test(
        arguments: [
            ([("ui_locales", "da-DK en")], [:], "da"),
            ([], [HTTPField.Name.acceptLanguage: "da-DK,da;q=0.9,en;q=0.8"], "da"),
            ([], [HTTPField.Name.acceptLanguage: "fr-FR, en;q=0.5, da;q=0.4"], "en"),
            ([("ui_locales", "en")], [HTTPField.Name.acceptLanguage: "da"], "en"),
            ([], [:], "en"),
        ] as [([(String, String)], HTTPFields, String)])
    func theLanguageComesFromUILocalesThenTheBrowser(extra: [(String, String)], headers: HTTPFields, language: String) async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let path = try await Self.loginPath(&browser, extra: extra)
            let page = String(buffer: try await browser.get(path, headers: headers).body)
            #expect(page.contains("<html lang=\"\(language)\">"))
            #expect(page.contains(language == "da" ? "Log ind på Xena" : "Log in to Xena"))
        }
    }

    @Test func theDemoUsersLogInWithOneClick() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let path = try await Self.loginPath(&browser)
            let page = String(buffer: try await browser.get(path).body)
            for name in ["Alice Sørensen (alice)", "Bob Nielsen (bob)", "Dorte Mikkelsen (dorte)"] {
                #expect(page.contains("Log in as \(name)"))
            }
            #expect(page.contains("OTP 135790"), "the one-time code is shown beside the user who needs it")
            // The one-click form is an ordinary login form: it posts the user's username and password.
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(path)), ("username", "bob"), ("password", "bob"), ("button", "login")])
            #expect(try Browser.localPath(loggedIn).hasPrefix("/consent?request="))
        }
    }

    @Test(arguments: ["asorensen", "ASorensen", "alice@example.dk", "ALICE@EXAMPLE.DK", "alice"])
    func aUserLogsInWithTheUsernameTheEmailOrAnAlias(login: String) async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let path = try await Self.loginPath(&browser)
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(path)), ("username", login), ("password", "alice"), ("button", "login")])
            #expect(loggedIn.status == .found)
            #expect(try Browser.localPath(loggedIn).hasPrefix("/consent?request="))
            let consent = String(buffer: try await browser.get(try Browser.localPath(loggedIn)).body)
            #expect(consent.contains("Alice Sørensen (alice)"))
        }
    }

    @Test func twoStepVerificationAsksForTheCodeAfterThePassword() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let path = try await Self.loginPath(&browser)
            let pending = try Browser.pendingID(path)
            let password = try await browser.post("/account/login", [("request", pending), ("username", "dorte"), ("password", "dorte"), ("button", "login")])
            let codePath = try Browser.localPath(password)
            #expect(codePath == "/account/otp?request=\(pending)")
            #expect(browser.cookie == nil, "no session before the code")
            let codePage = String(buffer: try await browser.get(codePath).body)
            #expect(codePage.contains("autocomplete=\"one-time-code\""))

            let wrong = try await browser.post("/account/otp", [("request", pending), ("code", "000000"), ("button", "confirm")])
            #expect(wrong.status == .ok)
            #expect(String(buffer: wrong.body).contains("The code is wrong. Try again."))
            #expect(browser.cookie == nil)

            let right = try await browser.post("/account/otp", [("request", pending), ("code", "135 790"), ("button", "confirm")])
            #expect(try Browser.localPath(right).hasPrefix("/consent?request="))
            #expect(browser.cookie != nil)
        }
    }

    @Test func theCodePageNeedsTheRightPasswordFirst() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let pending = try Browser.pendingID(try await Self.loginPath(&browser))
            // Straight to the code page without the password: nothing to confirm.
            #expect(try await browser.get("/account/otp?request=\(pending)").status == .badRequest)
            let posted = try await browser.post("/account/otp", [("request", pending), ("code", "135790"), ("button", "confirm")])
            #expect(posted.status == .badRequest)
            #expect(browser.cookie == nil)
        }
    }

    @Test func cancellingTheCodeDeniesTheRequest() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let pending = try Browser.pendingID(try await Self.loginPath(&browser))
            _ = try await browser.post("/account/login", [("request", pending), ("username", "dorte"), ("password", "dorte"), ("button", "login")])
            let cancelled = try await browser.post("/account/otp", [("request", pending), ("button", "cancel")])
            #expect(BrowserFlow.read(cancelled)["error"] == "access_denied")
        }
    }

    @Test func theConsentPageSpeaksDanishToo() async throws {
        try await TestServer.withRouter(try Self.interactive()) { client, _ in
            var browser = Browser(client: client)
            let path = try await Self.loginPath(&browser, extra: [("ui_locales", "da")])
            let loggedIn = try await browser.post(
                "/account/login", [("request", try Browser.pendingID(path)), ("username", "alice"), ("password", "alice"), ("button", "login")])
            let consent = String(buffer: try await browser.get(try Browser.localPath(loggedIn)).body)
            #expect(consent.contains("<html lang=\"da\">"))
            #expect(consent.contains("Husk mit valg"))
            #expect(consent.contains("Dit bruger-id"))
            #expect(consent.contains("<label for=\"remember\">"), "every checkbox has its label")
        }
    }
}
