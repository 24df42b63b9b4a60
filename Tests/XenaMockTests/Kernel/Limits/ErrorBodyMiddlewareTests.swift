import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

/// Unexpected errors answer a 500 in the endpoint's own error format, without internals.
@Suite struct ErrorBodyMiddlewareTests {
    /// A router with the server's error middleware and routes that fail as a bug would.
    static func router() -> Router<XenaRequestContext> {
        let router = Router(context: XenaRequestContext.self)
        router.add(middleware: ErrorBodyMiddleware())
        // A number JSON cannot carry: encoding fails instead of answering `{}`.
        router.get("connect/broken") { _, _ in try JSONResponse.make(["value": Double.nan]) }
        router.get("api/broken") { _, _ in try JSONResponse.make(["value": Double.infinity]) }
        return router
    }

    @Test func anEncodingFailureIsA500InTheOAuthFormat() async throws {
        try await Application(router: Self.router()).test(.router) { client in
            let response = try await client.execute(uri: "/connect/broken", method: .get)
            #expect(response.status == .internalServerError)
            let body = try response.decode(OAuthErrorBody.self)
            #expect(body.error == "server_error")
            #expect(!String(buffer: response.body).contains("Encoding"))
        }
    }

    @Test func anEncodingFailureIsA500InTheAPIFormat() async throws {
        try await Application(router: Self.router()).test(.router) { client in
            let response = try await client.execute(uri: "/api/broken", method: .get)
            #expect(response.status == .internalServerError)
            let body = try response.decode([String: String].self)
            #expect(body["Message"]?.contains("log") == true)
            #expect(!String(buffer: response.body).contains("Encoding"))
        }
    }
}

/// The body of an OAuth error (RFC 6749 §5.2).
struct OAuthErrorBody: Decodable {
    var error: String
    var errorDescription: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }
}
