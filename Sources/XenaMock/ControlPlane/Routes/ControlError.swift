import HTTPTypes
import Hummingbird

/// The control API's refusals, in the same body as the identity server's (`{"error", "error_description"}`) but with
/// the control plane's own codes: a bad body or parameter, nothing by that name, a name that is taken, or a missing
/// admin token.
public struct ControlError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// The `error` code of the body.
    public enum Code: String, Sendable, Equatable {
        case invalidRequest = "invalid_request"
        case notFound = "not_found"
        case conflict
        case invalidToken = "invalid_token"
    }

    /// The HTTP status of the answer.
    public let status: HTTPResponse.Status
    /// The `error` code.
    public let code: Code
    /// What is wrong, naming the field or the thing.
    public let message: String
    /// Extra response headers, e.g. the admin token's `WWW-Authenticate` challenge.
    public let headers: HTTPFields

    init(_ status: HTTPResponse.Status, _ code: Code, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// The text logs and the CLI show.
    public var description: String { "\(self.code.rawValue): \(self.message)" }

    /// A body or parameter that is not what the route takes; `message` names the field.
    static func invalidRequest(_ message: String) -> ControlError {
        ControlError(.badRequest, .invalidRequest, message)
    }

    /// "No user 'carol'."
    static func notFound(_ kind: String, _ name: String) -> ControlError {
        ControlError(.notFound, .notFound, "No \(kind) '\(name)'.")
    }

    static func conflict(_ message: String) -> ControlError {
        ControlError(.conflict, .conflict, message)
    }

    /// The server has an admin token and the request did not carry it.
    static let adminTokenRequired = ControlError(
        .unauthorized, .invalidToken, "The control API needs 'Authorization: Bearer <admin token>'.",
        headers: [.wwwAuthenticate: "Bearer realm=\"xena-mock control\""])

    /// The error as an HTTP answer.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.cacheControl] = "no-store"
        return try JSONResponse.make(OAuthError.Body(error: self.code.rawValue, errorDescription: self.message), status: self.status, headers: headers)
    }
}
