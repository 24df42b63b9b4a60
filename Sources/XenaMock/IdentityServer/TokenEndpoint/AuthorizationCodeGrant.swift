/// `grant_type=authorization_code`: exchanges a code from the authorize endpoint, once, for the client and
/// redirect URI it was issued to, proving PKCE when a challenge was given.
struct AuthorizationCodeGrant: TokenGrantHandler {
    let grants: GrantStore
    let directory: IdentityDirectory
    let issuer: UserGrantIssuer

    var grantType: String { "authorization_code" }

    func isAllowed(for client: ClientFixture) -> Bool {
        client.allows(.authorizationCode) || client.allows(.hybrid)
    }

    func grant(_ parameters: OAuthParameters, client: AuthenticatedClient) async throws -> TokenResponse {
        let code = try parameters.required("code")
        let redirectURI = try parameters.required("redirect_uri")
        let record: GrantStore.CodeRecord
        switch self.grants.redeemCode(code) {
        case .unknown:
            throw OAuthError.invalidGrant("The authorization code is unknown.")
        case .expired:
            throw OAuthError.invalidGrant("The authorization code has expired.")
        case .reused:
            throw OAuthError.invalidGrant("The authorization code was already used; the tokens issued for it are revoked.")
        case .redeemed(let redeemed):
            record = redeemed
        }
        guard record.clientID == client.client.clientID else {
            throw OAuthError.invalidGrant("The authorization code was issued to another client.")
        }
        guard record.redirectURI == redirectURI else {
            throw OAuthError.invalidGrant("The redirect_uri differs from the one in the authorization request.")
        }
        switch (record.pkce, parameters["code_verifier"]) {
        case (.some(let challenge), .some(let verifier)):
            guard challenge.isSatisfied(by: verifier) else { throw OAuthError.invalidGrant("The code_verifier does not match the code_challenge.") }
        case (.some, nil):
            throw OAuthError.invalidGrant("The code_verifier is missing; the authorization request had a code_challenge.")
        case (nil, .some):
            throw OAuthError.invalidGrant("A code_verifier was sent but the authorization request had no code_challenge.")
        case (nil, nil):
            break
        }
        guard let user = self.directory.user(subject: record.subject) else {
            throw OAuthError.invalidGrant("The user of this authorization no longer exists.")
        }
        return try self.issuer.issue(
            UserGrantIssuer.Grant(
                client: client.client, user: user, scopes: record.scopes, grantScopes: record.scopes, login: record.login,
                nonce: record.nonce, familyID: record.familyID, refreshExpiresAt: nil))
    }
}
