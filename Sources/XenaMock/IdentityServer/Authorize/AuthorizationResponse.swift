import Foundation
import HTTPTypes
import Hummingbird

/// The answer to the client at its redirect URI: success parameters or an error, delivered as the
/// response mode says (RFC 6749 §4.1.2, OAuth 2.0 Multiple Response Types, Form Post Response Mode).
public struct AuthorizationResponse: Sendable, Equatable {
    /// Where the answer goes.
    public var redirectURI: String
    /// How: query, fragment or form_post.
    public var mode: ResponseMode
    /// The parameters in the order they are written.
    public var parameters: [(name: String, value: String)]

    /// Equal when they send the same parameters the same way.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.redirectURI == rhs.redirectURI && lhs.mode == rhs.mode && lhs.parameters.elementsEqual(rhs.parameters, by: ==)
    }

    /// An error response: `error`, `error_description`, `state` and `iss` (RFC 9207).
    static func error(
        _ code: OAuthErrorCode, _ description: String, redirectURI: String, mode: ResponseMode, state: String?, issuer: IssuerURL
    ) -> AuthorizationResponse {
        var parameters = [("error", code.rawValue), ("error_description", description)]
        if let state { parameters.append(("state", state)) }
        parameters.append(("iss", issuer.string))
        return AuthorizationResponse(redirectURI: redirectURI, mode: mode, parameters: parameters)
    }

    /// The HTTP response that delivers this to the browser.
    func httpResponse(headers: HTTPFields = [:]) -> Response {
        switch self.mode {
        case .query, .fragment:
            var headers = headers
            headers[.location] = self.location
            headers[.cacheControl] = "no-store"
            return Response(status: .found, headers: headers)
        case .formPost:
            let inputs = self.parameters.map { HTML.hiddenInput($0.name, $0.value) }.joined(separator: "\n")
            return HTMLPage(
                title: "Submit this form",
                body: """
                    <form method="post" action="\(HTML.escape(self.redirectURI))">
                    \(inputs)
                    <noscript><button type="submit" class="primary">Continue</button></noscript>
                    </form>
                    """,
                submitsForm: true
            ).response(headers: headers)
        }
    }

    /// The redirect target for query and fragment modes.
    var location: String {
        let encoded = Self.formEncode(self.parameters)
        switch self.mode {
        case .fragment:
            let base = self.redirectURI.split(separator: "#", maxSplits: 1).first.map(String.init) ?? self.redirectURI
            return base + "#" + encoded
        case .query, .formPost:
            return self.redirectURI + (self.redirectURI.utf8.contains(UInt8(ascii: "?")) ? "&" : "?") + encoded
        }
    }

    /// `application/x-www-form-urlencoded` serialisation.
    static func formEncode(_ parameters: [(name: String, value: String)]) -> String {
        parameters.map { "\(PercentEncoding.encode($0.name))=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }
}

/// Why an authorization request cannot proceed, and how the browser is told.
enum AuthorizeFailure: Error, HTTPResponseError {
    /// The client or redirect URI cannot be trusted: an HTML error page, never a redirect (RFC 6749 §4.1.2.1).
    case errorPage(code: OAuthErrorCode, description: String)
    /// Everything else goes back to the client in the response mode it asked for.
    case redirect(AuthorizationResponse)

    var status: HTTPResponse.Status {
        switch self {
        case .errorPage: .badRequest
        case .redirect(let response): response.mode == .formPost ? .ok : .found
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        switch self {
        case .errorPage(let code, let description):
            return HTMLPage(
                title: "Sign-in error",
                body: """
                    <h1>Sign-in error</h1>
                    <p class="error"><strong>\(HTML.escape(code.rawValue))</strong>: \(HTML.escape(description))</p>
                    <p>The application that sent you here is not set up correctly, so you are not sent back to it.</p>
                    """
            ).response(status: .badRequest)
        case .redirect(let response):
            return response.httpResponse()
        }
    }
}
