/// Issues the tokens of a user's grant at the token endpoint: an access token, an id_token when `openid` was
/// granted and a refresh token when `offline_access` was, all recorded in the grant's family.
struct UserGrantIssuer: Sendable {
    let tokenIssuer: TokenIssuer
    let grants: GrantStore
    let clock: MockClock
    let lifetimes: TokenLifetimes

    /// What the tokens are issued for.
    struct Grant {
        var client: ClientFixture
        var user: UserFixture
        /// The scopes of this access token.
        var scopes: [String]
        /// The scopes of the whole grant, which a new refresh token keeps.
        var grantScopes: [String]
        var login: LoginSession
        var nonce: String?
        var familyID: String
        /// When a new refresh token expires; nil starts a fresh lifetime (first exchange of a code).
        var refreshExpiresAt: Int64?
    }

    func issue(_ grant: Grant) throws -> TokenResponse {
        let lifetimes = self.lifetimes.applying(grant.client)
        let (accessToken, idToken) = try self.tokenIssuer.issueTokens(
            for: AccessTokenGrant(
                client: grant.client, user: grant.user, scopes: grant.scopes, login: grant.login, lifetime: lifetimes.accessToken,
                familyID: grant.familyID),
            nonce: grant.nonce)

        var refreshToken: String?
        if grant.grantScopes.contains(StandardScope.offlineAccess) {
            let now = self.clock.nowSeconds
            let token = TokenIdentifier.makeSecret()
            self.grants.storeRefreshToken(
                token,
                GrantStore.RefreshTokenRecord(
                    familyID: grant.familyID, clientID: grant.client.clientID, subject: grant.user.subject, scopes: grant.grantScopes,
                    login: grant.login, issuedAt: now, expiresAt: grant.refreshExpiresAt ?? now + Int64(lifetimes.refreshToken)))
            refreshToken = token
        }
        return TokenResponse(
            idToken: idToken, accessToken: accessToken.token, expiresIn: lifetimes.accessToken, refreshToken: refreshToken,
            scope: grant.scopes.joined(separator: " "))
    }
}
