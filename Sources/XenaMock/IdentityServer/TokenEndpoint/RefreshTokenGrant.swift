/// `grant_type=refresh_token`: one-time refresh tokens with rotation. Each use returns a new refresh token and the
/// old one is gone; the lifetime is absolute from the original login, as IdentityServer4's default.
struct RefreshTokenGrant: TokenGrantHandler {
    let grants: GrantStore
    let directory: IdentityDirectory
    let issuer: UserGrantIssuer

    var grantType: String { "refresh_token" }

    func isAllowed(for client: ClientFixture) -> Bool {
        client.allowedScopes.contains(StandardScope.offlineAccess)
    }

    func grant(_ parameters: OAuthParameters, client: AuthenticatedClient) async throws -> TokenResponse {
        let token = try parameters.required("refresh_token")
        let requested = StandardScope.parse(parameters["scope"])
        let record: GrantStore.RefreshTokenRecord
        switch self.grants.redeemRefreshToken(token, clientID: client.client.clientID) {
        case .unknown:
            throw OAuthError.invalidGrant("The refresh token is unknown, revoked or already used.")
        case .expired:
            throw OAuthError.invalidGrant("The refresh token has expired.")
        case .otherClient:
            throw OAuthError.invalidGrant("The refresh token was issued to another client.")
        case .redeemed(let redeemed):
            record = redeemed
        }
        if let wider = requested.first(where: { !record.scopes.contains($0) }) {
            // The old token is spent; hand back an equivalent one so a mistaken scope does not end the grant.
            self.grants.storeRefreshToken(token, record)
            throw OAuthError.invalidScope("The scope '\(wider)' was not part of the original grant.")
        }
        guard let user = self.directory.user(subject: record.subject) else {
            throw OAuthError.invalidGrant("The user of this grant no longer exists.")
        }
        return try self.issuer.issue(
            UserGrantIssuer.Grant(
                client: client.client, user: user, scopes: requested.isEmpty ? record.scopes : requested, grantScopes: record.scopes,
                login: record.login, nonce: nil, familyID: record.familyID, refreshExpiresAt: record.expiresAt))
    }
}
