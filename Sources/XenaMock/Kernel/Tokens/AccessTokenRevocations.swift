/// Which access tokens were revoked before they expired; the identity server's grant store keeps the list.
protocol AccessTokenRevocations: Sendable {
    /// Whether the access token with this `jti` was revoked (by itself or with its grant family).
    func isAccessTokenRevoked(id: String) -> Bool
}
