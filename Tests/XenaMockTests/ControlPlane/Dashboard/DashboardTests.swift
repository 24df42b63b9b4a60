import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import Testing

@testable import XenaMock

/// The dashboard at `/_mock/`: a page without data or inline code, and the event stream that tells it to fetch again.
@Suite struct DashboardTests {
    @Test func thePageAndItsAssetsNeedNoAdminTokenAndRunNoInlineCode() async throws {
        var configuration = try TestServer.configuration()
        configuration.adminToken = "secret"
        try await TestServer.withRouter(configuration) { client, _ in
            for path in ["/_mock", "/_mock/"] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok)
                let policy = try #require(page.headers[.contentSecurityPolicy])
                #expect(policy.contains("script-src 'self'") && policy.contains("connect-src 'self'") && !policy.contains("unsafe-inline"))
                let body = String(buffer: page.body)
                #expect(body.contains("<script src=\"/_mock/dashboard.js\" defer></script>"))
                #expect(!body.contains("<script>") && !body.contains("<style"))
            }
            #expect(try await client.execute(uri: "/_mock/dashboard.js", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/_mock/dashboard.css", method: .get).status == .ok)
            // The data behind it keeps its admin token.
            #expect(try await client.execute(uri: "/_mock/tokens", method: .get).status == .unauthorized)
            #expect(try await client.execute(uri: "/_mock/events", method: .get).status == .unauthorized)
        }
    }

    @Test func theEventStreamSaysChangeAtOnceAndAgainWhenSomethingChanges() async throws {
        try await XenaMockServer.withServer(try TestServer.configuration()) { server in
            var request = HTTPClientRequest(url: server.baseURL.absoluteString + "/_mock/events")
            request.method = .GET
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            #expect(response.headers.first(name: "content-type") == "text/event-stream")
            var received = ""
            var changes = 0
            for try await chunk in response.body {
                received += String(buffer: chunk)
                let seen = received.components(separatedBy: "event: change").count - 1
                if seen > changes {
                    changes = seen
                    if changes == 1 { server.clock.advance(by: 60) }  // a change the stream must report
                    if changes == 2 { break }
                }
            }
            #expect(received.hasPrefix("retry: 1000\n\n"))
            #expect(changes == 2)
        }
    }
}
