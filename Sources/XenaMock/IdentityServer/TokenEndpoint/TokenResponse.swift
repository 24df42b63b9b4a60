/// A successful token endpoint answer (RFC 6749 §5.1), in IdentityServer4's field order.
public struct TokenResponse: Codable, Sendable, Equatable {
    /// `id_token`, with `openid`.
    public var idToken: String?
    /// `access_token`.
    public var accessToken: String
    /// `expires_in`, seconds.
    public var expiresIn: Int
    /// `token_type`: `Bearer`.
    public var tokenType: String
    /// `refresh_token`, with `offline_access`.
    public var refreshToken: String?
    /// `scope`: the granted scopes, space-separated.
    public var scope: String

    /// A token endpoint answer.
    public init(idToken: String? = nil, accessToken: String, expiresIn: Int, refreshToken: String? = nil, scope: String) {
        self.idToken = idToken
        self.accessToken = accessToken
        self.expiresIn = expiresIn
        self.tokenType = "Bearer"
        self.refreshToken = refreshToken
        self.scope = scope
    }

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token"
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case tokenType = "token_type"
        case refreshToken = "refresh_token"
        case scope
    }
}
