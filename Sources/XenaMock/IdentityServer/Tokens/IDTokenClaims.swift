import JWTKit

/// The claims of an id_token (OIDC Core §2), in IdentityServer4's order, with the user's profile and email claims
/// included only when no access token is issued alongside (OIDC Core §5.4).
public struct IDTokenClaims: JWTPayload, Equatable {
    /// `iss`: the issuer URL.
    public var issuer: String
    /// `nbf`, seconds since 1970.
    public var notBefore: Int64
    /// `iat`, seconds since 1970.
    public var issuedAt: Int64
    /// `exp`, seconds since 1970.
    public var expiresAt: Int64
    /// The client the token is for.
    public var audience: String
    /// `amr`: how the user authenticated (`pwd`).
    public var authenticationMethods: [String]
    /// `at_hash`: half the SHA-256 of the access token issued with it.
    public var accessTokenHash: String?
    /// `c_hash`: half the SHA-256 of the code issued with it (hybrid flow).
    public var codeHash: String?
    /// `sid`: the browser session.
    public var sessionID: String
    /// `sub`: the user's identifier.
    public var subject: String
    /// `auth_time`: when the user logged in, seconds since 1970.
    public var authTime: Int64
    /// `idp`: `local`.
    public var identityProvider: String
    /// `nonce`: the authorize request's, echoed.
    public var nonce: String?
    /// The profile and email claims the scopes grant, written at the top level.
    public var profile: UserClaims?

    enum CodingKeys: String, CodingKey {
        case issuer = "iss"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case expiresAt = "exp"
        case audience = "aud"
        case authenticationMethods = "amr"
        case accessTokenHash = "at_hash"
        case codeHash = "c_hash"
        case sessionID = "sid"
        case subject = "sub"
        case authTime = "auth_time"
        case identityProvider = "idp"
        case nonce
    }

    /// Decodes it from its JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.issuer = try container.decode(String.self, forKey: .issuer)
        self.notBefore = try container.decode(Int64.self, forKey: .notBefore)
        self.issuedAt = try container.decode(Int64.self, forKey: .issuedAt)
        self.expiresAt = try container.decode(Int64.self, forKey: .expiresAt)
        self.audience = try container.decode(String.self, forKey: .audience)
        self.authenticationMethods = try container.decodeIfPresent([String].self, forKey: .authenticationMethods) ?? []
        self.accessTokenHash = try container.decodeIfPresent(String.self, forKey: .accessTokenHash)
        self.codeHash = try container.decodeIfPresent(String.self, forKey: .codeHash)
        self.sessionID = try container.decode(String.self, forKey: .sessionID)
        self.subject = try container.decode(String.self, forKey: .subject)
        self.authTime = try container.decode(Int64.self, forKey: .authTime)
        self.identityProvider = try container.decodeIfPresent(String.self, forKey: .identityProvider) ?? "local"
        self.nonce = try container.decodeIfPresent(String.self, forKey: .nonce)
        let profile = try UserClaims(from: decoder)
        self.profile = profile.isEmpty ? nil : profile
    }

    init(
        issuer: String, issuedAt: Int64, lifetime: Int64, audience: String, login: LoginSession, subject: String,
        nonce: String?, accessTokenHash: String?, codeHash: String?, profile: UserClaims?
    ) {
        self.issuer = issuer
        self.notBefore = issuedAt
        self.issuedAt = issuedAt
        self.expiresAt = issuedAt + lifetime
        self.audience = audience
        self.authenticationMethods = login.authenticationMethods
        self.accessTokenHash = accessTokenHash
        self.codeHash = codeHash
        self.sessionID = login.sessionID
        self.subject = subject
        self.authTime = login.authTime
        self.identityProvider = login.identityProvider
        self.nonce = nonce
        self.profile = profile
    }

    /// Encodes it in its JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.issuer, forKey: .issuer)
        try container.encode(self.notBefore, forKey: .notBefore)
        try container.encode(self.issuedAt, forKey: .issuedAt)
        try container.encode(self.expiresAt, forKey: .expiresAt)
        try container.encode(self.audience, forKey: .audience)
        try container.encode(self.authenticationMethods, forKey: .authenticationMethods)
        try container.encodeIfPresent(self.accessTokenHash, forKey: .accessTokenHash)
        try container.encodeIfPresent(self.codeHash, forKey: .codeHash)
        try container.encode(self.sessionID, forKey: .sessionID)
        try container.encode(self.subject, forKey: .subject)
        try container.encode(self.authTime, forKey: .authTime)
        try container.encode(self.identityProvider, forKey: .identityProvider)
        try container.encodeIfPresent(self.nonce, forKey: .nonce)
        try self.profile?.encode(to: encoder)
    }

    /// Expiry is not checked for id_token hints (an expired hint still identifies the session to end).
    public func verify(using algorithm: some JWTAlgorithm) async throws {}
}
