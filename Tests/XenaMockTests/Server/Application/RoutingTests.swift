import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct RoutingTests {
    @Test func unknownPathIsAJSON404() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.execute(uri: "/connect/nothing-here", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try response.json()["error"] as? String == "not_found")
        }
    }

    @Test func wrongMethodIsA405WithAllow() async throws {
        try await TestServer.withRouter { client, _ in
            let get = try await client.execute(uri: "/connect/token", method: .get)
            #expect(get.status == .methodNotAllowed)
            #expect(get.headers[.allow] == "POST")
            #expect(try get.json()["error"] as? String == "method_not_allowed")

            let post = try await client.execute(uri: "/.well-known/openid-configuration", method: .post)
            #expect(post.status == .methodNotAllowed)
            #expect(post.headers[.allow] == "GET")
        }
    }

    @Test func healthzAnswers200() async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(try response.json()["status"] as? String == "ok")
        }
    }

    @Test func browsersMayCallTheServerFromAnotherOrigin() async throws {
        try await TestServer.withRouter { client, _ in
            let preflight = try await client.execute(
                uri: "/connect/token", method: .options,
                headers: [.origin: "http://localhost:8080", .accessControlRequestMethod: "POST"])
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://localhost:8080")
            let discovery = try await client.execute(
                uri: "/.well-known/openid-configuration", method: .get, headers: [.origin: "http://localhost:8080"])
            #expect(discovery.headers[.accessControlAllowOrigin] == "http://localhost:8080")
        }
    }
}
