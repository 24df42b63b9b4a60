/// `grant_type=client_credentials` for Xena service accounts: the client acts for the one user
/// its fixture names, without consent.
struct ClientCredentialsGrant: TokenGrantHandler {
    let issuer: TokenIssuer
    let directory: IdentityDirectory
    let lifetimes: TokenLifetimes

    var grantType: String { "client_credentials" }

    func isAllowed(for client: ClientFixture) -> Bool {
        client.allows(.clientCredentials)
    }

    func grant(_ parameters: OAuthParameters, client: AuthenticatedClient) async throws -> TokenResponse {
        let registration = client.client
        let scopes = try self.scopes(requested: StandardScope.parse(parameters["scope"]), for: registration)
        guard let username = registration.serviceAccountUser, let user = self.directory.user(named: username) else {
            throw OAuthError.invalidGrant("The user this service account acts for no longer exists.")
        }
        let lifetime = self.lifetimes.applying(registration).accessToken
        let token = try self.issuer.issueAccessToken(
            for: AccessTokenGrant(client: registration, user: user, scopes: scopes, lifetime: lifetime))
        return TokenResponse(accessToken: token.token, expiresIn: lifetime, scope: scopes.joined(separator: " "))
    }

    /// The requested scopes, which must be API scopes the client may have; none asks for all of them.
    func scopes(requested: [String], for client: ClientFixture) throws(OAuthError) -> [String] {
        let allowedAPIScopes = client.allowedScopes.filter(self.directory.isAPIScope)
        guard !requested.isEmpty else {
            guard !allowedAPIScopes.isEmpty else { throw .invalidScope("The client may not ask for any API scope.") }
            return allowedAPIScopes
        }
        for scope in requested {
            if StandardScope.identityScopes.contains(scope) {
                throw .invalidScope("The identity scope '\(scope)' needs a user login; client_credentials can ask for API scopes only.")
            }
            if !allowedAPIScopes.contains(scope) {
                throw .invalidScope("The client may not ask for the scope '\(scope)'.")
            }
        }
        return requested
    }
}
