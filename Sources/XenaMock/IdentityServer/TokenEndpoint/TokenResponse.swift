/// A successful token endpoint answer (RFC 6749 §5.1), in IdentityServer4's field order.
public struct TokenResponse: Codable, Sendable, Equatable {
    public var idToken: String?
    public var accessToken: String
    public var expiresIn: Int
    public var tokenType: String
    public var refreshToken: String?
    public var scope: String

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
