import HTTPTypes
import Hummingbird

/// The stub API's refusals, in the bodies an ASP.NET Web API gives: `{"Message": "..."}`, or a `SaveResult`
/// for rejected writes. Bearer-token refusals are ``OAuthError``s (RFC 6750).
public struct XenaAPIError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status.
    public let status: HTTPResponse.Status
    /// What the body says.
    public let body: Body
    /// Extra headers, e.g. `Allow` on a 405.
    public let headers: HTTPFields

    /// A `{"Message"}` body or a `SaveResult`.
    public enum Body: Sendable, Equatable {
        case message(String)
        case saveResult(SaveResult)
    }

    /// The status and the message, for logs.
    public var description: String {
        switch self.body {
        case .message(let message): "\(self.status.code) \(message)"
        case .saveResult(let result): "\(self.status.code) \(result.errors.map { "\($0.path): \($0.message)" }.joined(separator: "; "))"
        }
    }

    /// The JSON answer.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body: JSONValue
        switch self.body {
        case .message(let message): body = ["Message": .string(message)]
        case .saveResult(let result): body = result.json
        }
        return APIResponse.make(body, status: self.status, headers: self.headers)
    }

    /// "Order not found."
    static func notFound(_ entityName: String) -> XenaAPIError {
        XenaAPIError(status: .notFound, body: .message("\(entityName) not found."), headers: [:])
    }

    /// A documented "not found" text, e.g. "Article not found.".
    static func notFound(message: String) -> XenaAPIError {
        XenaAPIError(status: .notFound, body: .message(message), headers: [:])
    }

    /// Whether this is the answer to a path no route serves.
    var isNoRoute: Bool {
        guard self.status == .notFound, case .message(let message) = self.body else { return false }
        return message.hasPrefix(Self.noRoutePrefix)
    }

    private static let noRoutePrefix = "No HTTP resource was found"

    static func noRoute(_ path: String) -> XenaAPIError {
        XenaAPIError(status: .notFound, body: .message("\(Self.noRoutePrefix) that matches the request URI '\(path)'."), headers: [:])
    }

    static func forbidden(_ message: String) -> XenaAPIError {
        XenaAPIError(status: .forbidden, body: .message(message), headers: [:])
    }

    static func badRequest(_ message: String) -> XenaAPIError {
        XenaAPIError(status: .badRequest, body: .message(message), headers: [:])
    }

    static func methodNotAllowed(_ method: HTTPRequest.Method, allowed: [HTTPRequest.Method]) -> XenaAPIError {
        XenaAPIError(
            status: .methodNotAllowed, body: .message("The requested resource does not support http method '\(method.rawValue)'."),
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }

    /// A rejected write: 400 for invalid fields, 409 for a stale `Version`.
    static func rejected(_ errors: [SaveResult.FieldError], status: HTTPResponse.Status = .badRequest) -> XenaAPIError {
        XenaAPIError(status: status, body: .saveResult(SaveResult(statusCode: Int(status.code), errors: errors)), headers: [:])
    }
}

/// Xena's `SaveResult`: `{AssignedId, StatusCode, Messages, Errors: [{Path, Message}], Success}`.
public struct SaveResult: Sendable, Equatable {
    /// One refused field: `{Path, Message}`.
    public struct FieldError: Sendable, Equatable {
        /// The field, e.g. `Address.Name` (empty for the body itself).
        public var path: String
        /// Why it was refused.
        public var message: String
    }

    /// `AssignedId`: the entity a successful write made or changed.
    public var assignedID: Int64?
    /// `StatusCode`, as the HTTP status.
    public var statusCode: Int
    /// `Errors`; `Success` is true when there are none.
    public var errors: [FieldError]

    var json: JSONValue {
        [
            "AssignedId": self.assignedID.map { .integer($0) } ?? .null,
            "StatusCode": .integer(Int64(self.statusCode)),
            "Messages": .array(self.errors.map { .string($0.message) }),
            "Errors": .array(self.errors.map { ["Path": .string($0.path), "Message": .string($0.message)] }),
            "Success": .bool(self.errors.isEmpty),
        ]
    }
}

/// JSON responses of the stub API.
enum APIResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        JSONResponse.make(encoded: value.serialized(), status: status, headers: headers)
    }
}
