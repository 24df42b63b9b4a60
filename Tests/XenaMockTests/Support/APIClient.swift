import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

@testable import XenaMock

/// Calls the stub API with a bearer token.
struct APIClient {
    let client: any TestClientProtocol
    let token: String

    static let norrebro: Int64 = 104_200_311
    static let fjordkaffe: Int64 = 104_200_312
    static let tomrer: Int64 = 104_200_313

    func get(_ path: String) async throws -> TestResponse {
        try await self.client.execute(uri: "/Api/" + path, method: .get, headers: [.authorization: "Bearer \(self.token)"])
    }

    func send(_ method: HTTPRequest.Method, _ path: String, json: String) async throws -> TestResponse {
        try await self.client.execute(
            uri: "/Api/" + path, method: method, headers: [.authorization: "Bearer \(self.token)", .contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    func send(_ method: HTTPRequest.Method, _ path: String, _ value: JSONValue) async throws -> TestResponse {
        try await self.send(method, path, json: String(decoding: value.serialized(), as: UTF8.self))
    }

    /// The service account's client (acts as alice).
    static func alice(_ client: any TestClientProtocol) async throws -> APIClient {
        APIClient(client: client, token: try await BrowserFlow.serviceToken(client))
    }

    /// bob, logged in with code + PKCE.
    static func bob(_ client: any TestClientProtocol) async throws -> APIClient {
        let tokens = try await BrowserFlow.nativeLogin(client, extra: [("login_hint", "bob")])
        return APIClient(client: client, token: try #require(tokens["access_token"]?.string))
    }
}

extension TestResponse {
    func jsonValue() throws -> JSONValue {
        try JSONValue.parse(Data(buffer: self.body))
    }
}
