/// An `error` code of RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009, OpenID Connect Core §3.1.2.6, or one the
/// mock adds for HTTP-level answers. The token endpoint, authorize redirects and bearer refusals all use these
/// constants; an endpoint fault may name any code (`error=CODE`), which is why this is an open set of strings.
public struct OAuthErrorCode: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code as it goes on the wire, e.g. `invalid_grant`.
    public let rawValue: String

    /// A code from its wire form.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// A code from a literal, e.g. `"invalid_grant"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The wire form.
    public var description: String { self.rawValue }

    // RFC 6749
    /// A parameter is missing, repeated or malformed.
    public static let invalidRequest: OAuthErrorCode = "invalid_request"
    /// Client authentication failed.
    public static let invalidClient: OAuthErrorCode = "invalid_client"
    /// The code or refresh token is invalid, expired, revoked or not this client's.
    public static let invalidGrant: OAuthErrorCode = "invalid_grant"
    /// The client may not use this grant or response type.
    public static let unauthorizedClient: OAuthErrorCode = "unauthorized_client"
    /// The server does not know the grant type.
    public static let unsupportedGrantType: OAuthErrorCode = "unsupported_grant_type"
    /// A scope is unknown or not allowed for the client.
    public static let invalidScope: OAuthErrorCode = "invalid_scope"
    /// The user (or the consent script) denied the request.
    public static let accessDenied: OAuthErrorCode = "access_denied"
    /// The server does not offer the response type.
    public static let unsupportedResponseType: OAuthErrorCode = "unsupported_response_type"
    /// The server failed (or a fault made it fail).
    public static let serverError: OAuthErrorCode = "server_error"
    /// The server is overloaded or down for a moment.
    public static let temporarilyUnavailable: OAuthErrorCode = "temporarily_unavailable"
    // RFC 7009
    /// Revocation of a token type the server does not revoke.
    public static let unsupportedTokenType: OAuthErrorCode = "unsupported_token_type"
    // RFC 6750
    /// A bearer token that is malformed, expired, revoked or signed by an unknown key.
    public static let invalidToken: OAuthErrorCode = "invalid_token"
    /// A bearer token without the scope the resource needs.
    public static let insufficientScope: OAuthErrorCode = "insufficient_scope"
    // OpenID Connect Core
    /// `prompt=none` without a signed-in user.
    public static let loginRequired: OAuthErrorCode = "login_required"
    /// `prompt=none` without a remembered consent.
    public static let consentRequired: OAuthErrorCode = "consent_required"
    /// `prompt=none` when the user would have to act.
    public static let interactionRequired: OAuthErrorCode = "interaction_required"
    /// A `request` object, which the server does not take.
    public static let requestNotSupported: OAuthErrorCode = "request_not_supported"
    /// A `request_uri`, which the server does not take.
    public static let requestURINotSupported: OAuthErrorCode = "request_uri_not_supported"
    // HTTP-level answers in the same body
    /// No endpoint at this path (an HTTP-level answer in the OAuth body).
    public static let notFound: OAuthErrorCode = "not_found"
    /// The endpoint does not take this method.
    public static let methodNotAllowed: OAuthErrorCode = "method_not_allowed"
}
