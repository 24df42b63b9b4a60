/// One `grant_type` of the token endpoint. The controller picks the handler by `grant_type`
/// after the client has authenticated.
protocol TokenGrantHandler: Sendable {
    /// The `grant_type` value this handler serves.
    var grantType: String { get }

    /// Whether `client` is registered for this grant; others get `unauthorized_client`.
    func isAllowed(for client: ClientFixture) -> Bool

    /// Validates the request and issues tokens, or throws the RFC 6749 §5.2 error.
    func grant(_ parameters: OAuthParameters, client: AuthenticatedClient) async throws -> TokenResponse
}
