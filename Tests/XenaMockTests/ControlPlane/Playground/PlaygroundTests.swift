import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import XenaMock

/// The playground at `/_mock/playground`: its page, script and callback. The flows themselves run in a browser
/// (`scripts/browser/playground_checks.py`).
@Suite struct PlaygroundTests {
    @Test func thePageItsScriptAndItsCallbackNeedNoAdminTokenAndRunNoInlineCode() async throws {
        var configuration = try TestServer.configuration()
        configuration.adminToken = "secret"
        try await TestServer.withRouter(configuration) { client, _ in
            for path in ["/_mock/playground", "/_mock/playground/callback?code=abc&state=s"] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok, "\(path)")
                let policy = try #require(page.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
                #expect(page.headers[.referrerPolicy] == "no-referrer", "the callback's address carries a code")
                let body = String(buffer: page.body)
                #expect(body.contains("<script src=\"/_mock/playground.js\" defer></script>") && !body.contains("<script>"))
                #expect(!body.contains("data-callback"))
            }
            let script = try await client.execute(uri: "/_mock/playground.js", method: .get)
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true)
            #expect(String(buffer: script.body).contains("function callback()"))
        }
    }

    @Test func aFormPostAnswerIsHandedToTheScriptEscaped() async throws {
        try await TestServer.withRouter { client, _ in
            let page = try await client.postForm(
                "/_mock/playground/callback", [("code", "c1"), ("state", "\"><script>alert(1)</script>"), ("id_token", "a.b.c")])
            #expect(page.status == .ok)
            let body = String(buffer: page.body)
            let start = try #require(body.range(of: "data-callback=\""))
            let end = try #require(body[start.upperBound...].firstIndex(of: "\""))
            let attribute = String(body[start.upperBound..<end])
            #expect(!attribute.contains("<") && !attribute.contains(">"))
            let json = attribute.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            let parameters = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
            #expect(parameters == ["code": "c1", "state": "\"><script>alert(1)</script>", "id_token": "a.b.c"])

            // A body that is no form is an answer without parameters, never an error.
            let broken = try await client.execute(
                uri: "/_mock/playground/callback", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "%zz=&&="))
            #expect(broken.status == .ok)
            #expect(String(buffer: broken.body).contains("data-callback=\"{}\""))
        }
    }

    @Test func theDemoClientsThatLogUsersInListThePlaygroundsCallback() async throws {
        try await TestServer.withRouter { _, mock in
            let clients = mock.kernel.directory.fixtures.clients
            for client in clients where !client.grantTypes.allSatisfy({ $0 == .clientCredentials }) {
                #expect(client.redirectURIs.contains("{issuer}/_mock/playground/callback"), "\(client.clientID)")
            }
        }
    }
}
