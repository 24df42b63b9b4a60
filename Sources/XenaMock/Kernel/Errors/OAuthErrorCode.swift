/// An `error` code of RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009, OpenID Connect Core §3.1.2.6, or one the
/// mock adds for HTTP-level answers. The token endpoint, authorize redirects and bearer refusals all use these
/// constants; an endpoint fault may name any code (`error=CODE`), which is why this is an open set of strings.
public struct OAuthErrorCode: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    public var description: String { self.rawValue }

    // RFC 6749
    public static let invalidRequest: OAuthErrorCode = "invalid_request"
    public static let invalidClient: OAuthErrorCode = "invalid_client"
    public static let invalidGrant: OAuthErrorCode = "invalid_grant"
    public static let unauthorizedClient: OAuthErrorCode = "unauthorized_client"
    public static let unsupportedGrantType: OAuthErrorCode = "unsupported_grant_type"
    public static let invalidScope: OAuthErrorCode = "invalid_scope"
    public static let accessDenied: OAuthErrorCode = "access_denied"
    public static let unsupportedResponseType: OAuthErrorCode = "unsupported_response_type"
    public static let serverError: OAuthErrorCode = "server_error"
    public static let temporarilyUnavailable: OAuthErrorCode = "temporarily_unavailable"
    // RFC 7009
    public static let unsupportedTokenType: OAuthErrorCode = "unsupported_token_type"
    // RFC 6750
    public static let invalidToken: OAuthErrorCode = "invalid_token"
    public static let insufficientScope: OAuthErrorCode = "insufficient_scope"
    // OpenID Connect Core
    public static let loginRequired: OAuthErrorCode = "login_required"
    public static let consentRequired: OAuthErrorCode = "consent_required"
    public static let interactionRequired: OAuthErrorCode = "interaction_required"
    public static let requestNotSupported: OAuthErrorCode = "request_not_supported"
    public static let requestURINotSupported: OAuthErrorCode = "request_uri_not_supported"
    // HTTP-level answers in the same body
    public static let notFound: OAuthErrorCode = "not_found"
    public static let methodNotAllowed: OAuthErrorCode = "method_not_allowed"
}
