import Foundation
import HTTPTypes
import Hummingbird

/// Builds JSON responses with one encoder configuration for the whole server.
enum JSONResponse {
    /// Encodes `value` as the body of a response with `Content-Type: application/json`.
    ///
    /// A value that cannot be encoded (a non-finite number, say) throws the `EncodingError`, which
    /// `ErrorBodyMiddleware` logs and answers with a 500 in the endpoint's error format.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        self.make(encoded: try self.encoder.encode(value), status: status, headers: headers)
    }

    /// A response whose JSON body is already encoded (documents the server encodes once).
    static func make(encoded data: some Collection<UInt8>, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `value` as JSON, with the server's one encoder configuration.
    static func encode(_ value: some Encodable) throws -> Data {
        try self.encoder.encode(value)
    }

    /// Configured once and shared: encoding does not mutate the encoder, and every token issued goes through it.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // RFC 3339 with milliseconds, e.g. 2026-12-02T01:25:54.081Z, which every language's clients parse.
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(APITimestamp.format(date))
        }
        return encoder
    }()
}
