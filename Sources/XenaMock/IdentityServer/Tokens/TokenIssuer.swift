import JWTKit

/// Who a token is for and what it allows: the input of every access token the server issues.
public struct AccessTokenGrant: Sendable, Equatable {
    /// The client the token is issued to.
    public var client: ClientFixture
    /// The user it acts for.
    public var user: UserFixture
    /// The granted scopes.
    public var scopes: [String]
    /// The browser login behind the grant; nil for service accounts.
    public var login: LoginSession?
    /// Seconds until the token expires.
    public var lifetime: Int
    /// The grant family the token belongs to (an authorization and everything issued from it), if any.
    public var familyID: String?

    /// A grant of `scopes` to `client` for `user`.
    public init(client: ClientFixture, user: UserFixture, scopes: [String], login: LoginSession? = nil, lifetime: Int, familyID: String? = nil) {
        self.client = client
        self.user = user
        self.scopes = scopes
        self.login = login
        self.lifetime = lifetime
        self.familyID = familyID
    }
}

/// A user's authentication at the login page, which every token of that login refers to.
public struct LoginSession: Sendable, Equatable, Codable {
    /// The `sid` claim.
    public var sessionID: String
    /// When the user authenticated, as seconds since 1970 (`auth_time`).
    public var authTime: Int64
    /// The `amr` claim.
    public var authenticationMethods: [String]
    /// The `idp` claim: IdentityServer4 calls its own login `local`.
    public var identityProvider: String

    /// A login: its session, time and methods.
    public init(sessionID: String, authTime: Int64, authenticationMethods: [String] = ["pwd"], identityProvider: String = "local") {
        self.sessionID = sessionID
        self.authTime = authTime
        self.authenticationMethods = authenticationMethods
        self.identityProvider = identityProvider
    }
}

/// A signed access token and the claims inside it.
public struct IssuedAccessToken: Sendable {
    /// The compact JWS.
    public var token: String
    /// What it says.
    public var claims: AccessTokenClaims
}

/// Builds and signs the server's access tokens from grants, reading time from the mock clock
/// and the issuer from the server's public address.
struct TokenIssuer: Sendable {
    let signer: TokenSigner
    let clock: MockClock
    let issuer: PublicIssuer
    let directory: IdentityDirectory
    /// Defects tests asked for in the next tokens.
    let faults: TokenFaultQueue
    /// The tokens signed lately, for the control API.
    let log: IssuedTokenLog

    /// What every grant answers with: the access token and, when `openid` is granted to a logged-in user, the id_token.
    ///
    /// - Parameter faults: the defects to put into the access token; nil takes the next ones from the token fault queue.
    func issueTokens(
        for grant: AccessTokenGrant, nonce: String?, faults: Set<TokenFault>? = nil
    ) throws -> (accessToken: IssuedAccessToken, idToken: String?) {
        let accessToken = try self.issueAccessToken(for: grant, faults: faults ?? self.faults.next())
        guard let login = grant.login, grant.scopes.contains(StandardScope.openID) else { return (accessToken, nil) }
        let idToken = try self.issueIDToken(
            client: grant.client, user: grant.user, scopes: grant.scopes, login: login, nonce: nonce, accessToken: accessToken.token, code: nil)
        return (accessToken, idToken)
    }

    /// Issues an access token, with any token faults in force.
    func issueAccessToken(for grant: AccessTokenGrant) throws -> IssuedAccessToken {
        try self.issueAccessToken(for: grant, faults: self.faults.next())
    }

    func issueAccessToken(for grant: AccessTokenGrant, faults: Set<TokenFault>) throws -> IssuedAccessToken {
        let now = self.clock.nowSeconds
        let audiences = self.audiences(for: grant.scopes)
        var claims = AccessTokenClaims(
            issuer: self.issuer.current.string,
            notBefore: now,
            issuedAt: now,
            expiresAt: now + Int64(grant.lifetime),
            audience: audiences.isEmpty ? nil : AudienceClaim(value: audiences),
            scope: grant.scopes,
            authenticationMethods: grant.login?.authenticationMethods,
            clientID: grant.client.clientID,
            subject: grant.user.subject,
            authTime: grant.login?.authTime,
            identityProvider: grant.login?.identityProvider,
            sessionID: grant.login?.sessionID,
            tokenID: TokenIdentifier.make(inFamily: grant.familyID)
        )
        guard !faults.isEmpty else {
            return self.logged(IssuedAccessToken(token: try self.signer.sign(claims, type: .accessToken), claims: claims), grant: grant)
        }
        if faults.contains(.expired) {
            claims.issuedAt = now - Int64(grant.lifetime) - 60
            claims.notBefore = claims.issuedAt
            claims.expiresAt = now - 60
        }
        if faults.contains(.notYetValid) { claims.notBefore = now + 3600 }
        if faults.contains(.wrongIssuer) { claims.issuer = "https://wrong-issuer.invalid" }
        if faults.contains(.wrongAudience) { claims.audience = AudienceClaim(value: ["wrong-audience"]) }
        if faults.contains(.missingScope) { claims.scope = claims.scope.filter { !self.directory.isAPIScope($0) } }
        let token = try self.signer.sign(
            claims, type: .accessToken, keyID: faults.contains(.unknownKeyID) ? "UNKNOWN-KEY-ID" : nil,
            unsigned: faults.contains(.algorithmNone), corruptSignature: faults.contains(.badSignature))
        return self.logged(IssuedAccessToken(token: token, claims: claims), grant: grant)
    }

    private func logged(_ issued: IssuedAccessToken, grant: AccessTokenGrant) -> IssuedAccessToken {
        self.log.record(
            .accessToken, token: issued.token, clientID: grant.client.clientID, subject: issued.claims.subject, tokenID: issued.claims.tokenID,
            expiresAt: issued.claims.expiresAt)
        return issued
    }

    /// How long id_tokens are valid: IdentityServer4's default, 5 minutes.
    static let idTokenLifetime: Int64 = 300

    /// Signs an id_token for `user` and `client`; `accessToken` and `code` are what it is issued beside.
    func issueIDToken(
        client: ClientFixture, user: UserFixture, scopes: [String], login: LoginSession, nonce: String?,
        accessToken: String?, code: String?
    ) throws -> String {
        let claims = IDTokenClaims(
            issuer: self.issuer.current.string,
            issuedAt: self.clock.nowSeconds,
            lifetime: Self.idTokenLifetime,
            audience: client.clientID,
            login: login,
            subject: user.subject,
            nonce: nonce,
            accessTokenHash: accessToken.map(TokenHash.leftHalfSHA256),
            codeHash: code.map(TokenHash.leftHalfSHA256),
            profile: accessToken == nil ? UserClaims(user: user, scopes: scopes) : nil
        )
        let token = try self.signer.sign(claims, type: .jwt)
        self.log.record(.idToken, token: token, clientID: client.clientID, subject: user.subject, tokenID: nil, expiresAt: claims.expiresAt)
        return token
    }

    /// The API resources (by name) that `scopes` grant access to, in resource order.
    func audiences(for scopes: [String]) -> [String] {
        self.directory.apiResources.filter { resource in resource.scopes.contains { scopes.contains($0) } }.map(\.name)
    }
}
