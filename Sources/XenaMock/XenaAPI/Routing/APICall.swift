/// An `/Api` request as the API's middleware leaves it for the routes: the path's segments, the user the bearer token
/// acts for, and the documented operation the path and method match.
struct APICall: Sendable {
    /// The path after `/Api`, split and percent-decoded.
    var segments: [String] = []
    /// The user the bearer token acts for; set by ``APIAuthenticationMiddleware`` before any route runs.
    var user: UserFixture?
    /// The operation of Xena's document this request matches, its parameters checked; nil when none does (or the
    /// document cannot be read).
    var operation: APIOperation?
    /// The document the operation comes from.
    var specification: APISpecification?

    /// The authenticated user (the middleware guarantees one on every API route).
    func authenticatedUser() throws(OAuthError) -> UserFixture {
        guard let user else { throw .bearerTokenMissing() }
        return user
    }
}
