import Hummingbird

/// `POST /connect/revocation` (RFC 7009): revokes a refresh token, or an access token by its `jti` so that
/// userinfo and the API refuse it from then on. Unknown tokens and tokens of other clients answer 200 too.
struct RevocationController: Sendable {
    let authenticator: ClientAuthenticator
    let grants: GrantStore
    let signer: TokenSigner

    static let tokenTypeHints = ["access_token", "refresh_token"]

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.revocation, method: .post) { request, context in
            let parameters = try await OAuthParameters.fromBody(of: request, context: context)
            let client = try self.authenticator.authenticate(headers: request.headers, parameters: parameters)
            let token = try parameters.required("token")
            if let hint = parameters["token_type_hint"], !Self.tokenTypeHints.contains(hint) {
                throw OAuthError(
                    code: .unsupportedTokenType, description: "The token_type_hint '\(hint)' is not supported; use access_token or refresh_token.")
            }
            await self.revoke(token, clientID: client.client.clientID)
            return Response(status: .ok, headers: [.cacheControl: "no-store"])
        }
    }

    private func revoke(_ token: String, clientID: String) async {
        if self.grants.revokeRefreshToken(token, clientID: clientID) { return }
        // An access token is revoked by id until it expires; its signature proves the server issued it.
        guard let claims = try? await self.signer.verify(token, as: AccessTokenClaims.self), claims.clientID == clientID else { return }
        self.grants.revokeAccessToken(id: claims.tokenID, expiresAt: claims.expiresAt)
    }
}
