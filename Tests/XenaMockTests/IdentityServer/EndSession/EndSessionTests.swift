import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

@Suite struct EndSessionTests {
    static func hybridIDToken(_ client: some TestClientProtocol) async throws -> (idToken: String, cookie: String?) {
        let result = try await BrowserFlow.authorize(
            client,
            [
                ("client_id", "demo-hybrid.xena.biz"), ("redirect_uri", BrowserFlow.hybridRedirect), ("response_type", "code id_token"),
                ("scope", "openid"), ("nonce", "n"),
            ])
        return (try #require(result["id_token"]), BrowserFlow.cookiePair(result.setCookie))
    }

    @Test func redirectsToARegisteredURIWithStateAndClearsTheCookie() async throws {
        try await TestServer.withRouter { client, mock in
            let (idToken, cookie) = try await Self.hybridIDToken(client)
            let query = BrowserFlow.query([
                ("id_token_hint", idToken), ("post_logout_redirect_uri", "http://localhost:8080/signout-callback-oidc"), ("state", "bye"),
            ])
            let response = try await client.execute(uri: "/connect/endsession?" + query, method: .get, headers: [.cookie: try #require(cookie)])
            #expect(response.status == .found)
            #expect(response.headers[.location] == "http://localhost:8080/signout-callback-oidc?state=bye")
            let cleared = try #require(response.headers[values: .setCookie].first)
            #expect(cleared.hasPrefix("xena-mock.session=;"))
            #expect(cleared.contains("Max-Age=0"))
            // The session is gone on the server too.
            let session = mock.identityServer.sessions.session(cookie: String(try #require(cookie).dropFirst("xena-mock.session=".count)))
            #expect(session == nil)
        }
    }

    @Test func anUnregisteredURIOrNoHintShowsTheSignedOutPage() async throws {
        try await TestServer.withRouter { client, _ in
            let (idToken, _) = try await Self.hybridIDToken(client)
            let unregistered = try await client.execute(
                uri: "/connect/endsession?" + BrowserFlow.query([("id_token_hint", idToken), ("post_logout_redirect_uri", "http://evil.example/")]),
                method: .get)
            #expect(unregistered.status == .ok)
            #expect(unregistered.headers[.location] == nil)
            #expect(String(buffer: unregistered.body).contains("You are signed out"))

            let noHint = try await client.execute(
                uri: "/connect/endsession?" + BrowserFlow.query([("post_logout_redirect_uri", "http://localhost:8080/signout-callback-oidc")]), method: .get)
            #expect(noHint.headers[.location] == nil)

            let withClientID = try await client.execute(
                uri: "/connect/endsession?"
                    + BrowserFlow.query([("client_id", "demo-hybrid.xena.biz"), ("post_logout_redirect_uri", "http://localhost:8080/signout-callback-oidc")]),
                method: .get)
            #expect(withClientID.status == .found)

            let forged = try await client.execute(
                uri: "/connect/endsession?"
                    + BrowserFlow.query([("id_token_hint", "a.b.c"), ("post_logout_redirect_uri", "http://localhost:8080/signout-callback-oidc")]),
                method: .get)
            #expect(forged.status == .ok)
            #expect(forged.headers[.location] == nil)
        }
    }
}
