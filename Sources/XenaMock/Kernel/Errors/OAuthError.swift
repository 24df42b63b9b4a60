import Foundation
import HTTPTypes
import Hummingbird

/// Every error the server answers with, in the body format of RFC 6749 §5.2:
/// `{"error": "...", "error_description": "..."}`.
///
/// Handlers throw it; Hummingbird turns it into the response in one place (``response(from:context:)``).
/// Bearer-token refusals (RFC 6750 §3) carry their `WWW-Authenticate` challenge here too.
public struct OAuthError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status of the answer.
    public let status: HTTPResponse.Status
    /// The `error` code, e.g. `invalid_grant`.
    public let code: OAuthErrorCode
    /// The human-readable `error_description`.
    public let errorDescription: String?
    /// Extra response headers, e.g. `WWW-Authenticate` or `Allow`.
    public let headers: HTTPFields

    /// An error answer: status, code, description and headers.
    public init(status: HTTPResponse.Status = .badRequest, code: OAuthErrorCode, description: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.errorDescription = description
        self.headers = headers
    }

    /// The text logs and the CLI show.
    public var description: String {
        "\(self.code)\(self.errorDescription.map { ": \($0)" } ?? "")"
    }

    /// `{"error", "error_description"}`, the body of every JSON error outside the API (the control plane's too).
    struct Body: Encodable {
        let error: String
        let errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }

    /// The error as an HTTP answer.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.cacheControl] = "no-store"
        headers[.pragma] = "no-cache"
        return try JSONResponse.make(Body(error: self.code.rawValue, errorDescription: self.errorDescription), status: self.status, headers: headers)
    }
}

// MARK: RFC 6749 §5.2 token endpoint errors

extension OAuthError {
    /// `invalid_request` with a description.
    public static func invalidRequest(_ description: String) -> OAuthError {
        OAuthError(code: .invalidRequest, description: description)
    }

    /// Client authentication failed. With `basicChallenge` (the client used HTTP Basic) the answer
    /// carries `WWW-Authenticate: Basic`, as RFC 6749 §5.2 requires.
    public static func invalidClient(_ description: String, basicChallenge: Bool = false) -> OAuthError {
        OAuthError(
            status: .unauthorized, code: .invalidClient, description: description,
            headers: basicChallenge ? [.wwwAuthenticate: "Basic realm=\"xena-mock\", charset=\"UTF-8\""] : [:])
    }

    /// `invalid_grant` with a description.
    public static func invalidGrant(_ description: String) -> OAuthError {
        OAuthError(code: .invalidGrant, description: description)
    }

    /// `unauthorized_client` with a description.
    public static func unauthorizedClient(_ description: String) -> OAuthError {
        OAuthError(code: .unauthorizedClient, description: description)
    }

    /// `unsupported_grant_type` with a description.
    public static func unsupportedGrantType(_ description: String) -> OAuthError {
        OAuthError(code: .unsupportedGrantType, description: description)
    }

    /// `invalid_scope` with a description.
    public static func invalidScope(_ description: String) -> OAuthError {
        OAuthError(code: .invalidScope, description: description)
    }
}

// MARK: HTTP-level errors in the same body format

extension OAuthError {
    /// No endpoint at this path.
    public static func notFound(path: String) -> OAuthError {
        OAuthError(status: .notFound, code: .notFound, description: "No endpoint at \(path).")
    }

    /// The path exists but not for this method; `Allow` lists the methods that do.
    public static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> OAuthError {
        OAuthError(
            status: .methodNotAllowed, code: .methodNotAllowed,
            description: "\(method.rawValue) is not allowed here; use \(allowed.map(\.rawValue).joined(separator: " or ")).",
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }
}
