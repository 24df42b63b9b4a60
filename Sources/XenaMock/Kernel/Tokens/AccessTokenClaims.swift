import JWTKit

/// The claims of an access token, in IdentityServer4's names and order:
/// `iss nbf iat exp aud scope amr client_id sub auth_time idp sid jti`.
///
/// Times are whole seconds since 1970, as JWT numeric dates are.
public struct AccessTokenClaims: JWTPayload, Equatable {
    public var issuer: String
    public var notBefore: Int64
    public var issuedAt: Int64
    public var expiresAt: Int64
    /// The API resources the token is for (`testapi`); a single audience is written as a string.
    public var audience: AudienceClaim?
    public var scope: [String]
    /// How the user authenticated (`pwd`); absent for service accounts.
    public var authenticationMethods: [String]?
    public var clientID: String
    public var subject: String
    public var authTime: Int64?
    public var identityProvider: String?
    public var sessionID: String?
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
