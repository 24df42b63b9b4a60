import JWTKit

/// The claims of an access token, in IdentityServer4's names and order:
/// `iss nbf iat exp aud scope amr client_id sub auth_time idp sid jti`.
///
/// Times are whole seconds since 1970, as JWT numeric dates are.
public struct AccessTokenClaims: JWTPayload, Equatable {
    /// `iss`: the issuer URL.
    public var issuer: String
    /// `nbf`, seconds since 1970.
    public var notBefore: Int64
    /// `iat`, seconds since 1970.
    public var issuedAt: Int64
    /// `exp`, seconds since 1970.
    public var expiresAt: Int64
    /// The API resources the token is for (`testapi`); a single audience is written as a string.
    public var audience: AudienceClaim?
    /// `scope`: the granted scopes.
    public var scope: [String]
    /// How the user authenticated (`pwd`); absent for service accounts.
    public var authenticationMethods: [String]?
    /// `client_id`.
    public var clientID: String
    /// `sub`: the user's identifier.
    public var subject: String
    /// `auth_time`: when the user logged in, seconds since 1970.
    public var authTime: Int64?
    /// `idp`: `local`.
    public var identityProvider: String?
    /// `sid`: the browser session.
    public var sessionID: String?
    /// `jti`: the token's unique id.
    public var tokenID: String

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case expiresAt = "exp"
        case audience = "aud"
        case scope
        case authenticationMethods = "amr"
        case clientID = "client_id"
        case subject = "sub"
        case authTime = "auth_time"
        case identityProvider = "idp"
        case sessionID = "sid"
        case tokenID = "jti"
    }

    /// Time, issuer and audience checks run against the mock's clock in ``AccessTokenValidator``,
    /// not against the system clock here.
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
