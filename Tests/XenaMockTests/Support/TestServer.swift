import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

@testable import XenaMock

/// Builds applications over the package's fixtures for tests, on port 0.
enum TestServer {
    static var fixturesDirectory: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures").path
    }

    /// Xena's document, read once for every server the tests start (each would otherwise read it on its first API call).
    static let specification: APISpecification = {
        let file = URL(fileURLWithPath: fixturesDirectory).appendingPathComponent("api/xena-api-swagger.json")
        do { return try APISpecification.load(from: file) } catch { fatalError("\(error)") }
    }()

    static func configuration(port: Int = 0, issuer: String? = nil) throws -> XenaMockConfiguration {
        XenaMockConfiguration(
            port: port, issuer: try issuer.map { try IssuerURL($0) }, fixturesDirectory: fixturesDirectory, apiSpecification: self.specification)
    }

    static func mock(_ configuration: XenaMockConfiguration? = nil) async throws -> XenaMockInstance {
        try await XenaMockInstance(configuration: configuration ?? self.configuration())
    }

    /// Runs `test` against the in-process router of a fresh server.
    static func withRouter<Value>(
        _ configuration: XenaMockConfiguration? = nil,
        _ test: @Sendable (any TestClientProtocol, XenaMockInstance) async throws -> Value
    ) async throws -> Value {
        let mock = try await self.mock(configuration)
        let application = buildApplication(instance: mock)
        return try await application.test(.router) { client in try await test(client, mock) }
    }
}

extension TestClientProtocol {
    /// POSTs a form body.
    func postForm(
        _ uri: String, _ parameters: [(String, String)], headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = FormBody.encode(parameters)
        return try await self.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }
}

enum FormBody {
    static func encode(_ parameters: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return parameters.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    static func basic(_ clientID: String, _ secret: String) -> String {
        "Basic " + Data("\(clientID):\(secret)".utf8).base64EncodedString()
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    /// The body parsed as JSON (``JSONValue``, the library's own JSON type).
    func json() throws -> JSONValue {
        try JSONValue.parse(Data(buffer: self.body))
    }

    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(buffer: self.body))
    }
}

/// The unverified parts of a compact JWT, for asserting on what the server put in.
struct DecodedJWT {
    let header: JSONValue
    let claims: JSONValue
    let signingInput: String
    let signature: Data

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try #require(parts.count == 3)
        self.header = try JSONValue.parse(Self.base64URLDecode(parts[0]))
        self.claims = try JSONValue.parse(Self.base64URLDecode(parts[1]))
        self.signingInput = parts[0] + "." + parts[1]
        self.signature = try Self.base64URLDecode(parts[2])
    }

    static func base64URLDecode(_ text: String) throws -> Data {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return try #require(Data(base64Encoded: base64))
    }
}

extension JSONValue {
    /// An object's member, for reading answers in tests: `body["error"]?.string`.
    subscript(_ key: String) -> JSONValue? { self.object?[key] }

    /// An array of strings; nil when this is not one.
    var strings: [String]? {
        guard let elements = self.elements else { return nil }
        let strings = elements.compactMap(\.string)
        return strings.count == elements.count ? strings : nil
    }
}
