import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// `GET /_mock/tokens` and `GET /_mock/sessions`: what the app under test was given, as the identity server sees it.
@Suite struct IssuedTokensTests {
    @Test func signedTokensAreListedDecodedWithTheirStateOnTheMockClock() async throws {
        try await TestServer.withRouter { client, mock in
            let tokens = try await BrowserFlow.nativeLogin(client, scope: "openid testapi")
            let accessToken = try #require(tokens["access_token"]?.string)
            var page = try await client.control(.get, "/tokens").json()
            let listed = try #require(page["tokens"]?.elements)
            #expect(listed.map { $0["kind"]?.string } == ["id_token", "access_token"], "newest first")
            let access = try #require(listed.last)
            #expect(access["token"]?.string == accessToken)
            #expect(access["client_id"]?.string == "demo-native.xena.biz")
            #expect(access["sub"]?.string == mock.kernel.directory.user(named: "alice")?.subject)
            #expect(access["header"]?["kid"]?.string == mock.kernel.signingKey.keyID)
            #expect(access["claims"]?["scope"]?.strings == ["openid", "testapi"])
            #expect(access["expired"]?.bool == false)
            #expect(access["revoked"]?.bool == false)

            let jti = try #require(access["claims"]?["jti"]?.string)
            mock.identityServer.grants.revokeAccessToken(id: jti, expiresAt: mock.kernel.clock.nowSeconds + 3600)
            mock.kernel.clock.advance(by: 3601)
            page = try await client.control(.get, "/tokens").json()
            let later = try #require(page["tokens"]?.elements?.last)
            #expect(later["expired"]?.bool == true)
            #expect(later["revoked"]?.bool == true)

            #expect(try await client.control(.post, "/reset").status == .ok)
            #expect(try await client.control(.get, "/tokens").json()["tokens"]?.elements?.isEmpty == true)
        }
    }

    @Test func sessionsAndConsentsAreListedWithoutCookies() async throws {
        try await TestServer.withRouter(try ConsentModeTests.configuration(.interactive)) { client, _ in
            var browser = ConsentModeTests.Browser(client: client)
            let pending = try ConsentModeTests.Browser.pendingID(try await LoginPageTests.loginPath(&browser))
            let loggedIn = try await browser.post("/account/login", [("request", pending), ("username", "bob"), ("password", "bob"), ("button", "login")])
            let consentPath = try ConsentModeTests.Browser.localPath(loggedIn)
            _ = try await browser.post(
                "/consent", [("request", try ConsentModeTests.Browser.pendingID(consentPath)), ("button", "allow"), ("scope[]", "testapi"), ("remember", "on")])
            let state = try await client.control(.get, "/sessions")
            let body = try state.json()
            #expect(body["sessions"]?.elements?.map { $0["username"]?.string } == ["bob"])
            #expect(body["consents"]?.elements?.first?["clientID"]?.string == "demo-hybrid.xena.biz")
            let cookie = try #require(browser.cookie?.split(separator: "=").last.map(String.init))
            #expect(!String(buffer: state.body).contains(cookie), "the session cookie is a secret")
        }
    }
}
