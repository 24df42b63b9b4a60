/// How long the things the identity server issues stay valid, in seconds.
///
/// Defaults are Xena's (IdentityServer4's): access tokens one hour, refresh tokens 30 days,
/// authorization codes 5 minutes. A client's fixture can override each for that client.
public struct TokenLifetimes: Sendable, Equatable {
    /// Access tokens', seconds (an hour, as Xena).
    public var accessToken: Int
    /// Refresh tokens', seconds (30 days).
    public var refreshToken: Int
    /// Authorization codes', seconds (5 minutes).
    public var authorizationCode: Int

    /// Lifetimes in seconds.
    public init(accessToken: Int = 3600, refreshToken: Int = 30 * 24 * 3600, authorizationCode: Int = 300) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.authorizationCode = authorizationCode
    }

    /// These lifetimes with `client`'s overrides applied.
    public func applying(_ client: ClientFixture) -> TokenLifetimes {
        TokenLifetimes(
            accessToken: client.accessTokenLifetime ?? self.accessToken,
            refreshToken: client.refreshTokenLifetime ?? self.refreshToken,
            authorizationCode: client.authorizationCodeLifetime ?? self.authorizationCode
        )
    }
}
