/// The paths the server answers on, in IdentityServer4's layout.
public enum EndpointPath {
    /// OpenID Connect discovery.
    public static let discovery = "/.well-known/openid-configuration"
    /// The signing keys.
    public static let jwks = "/.well-known/openid-configuration/jwks"
    /// The authorize endpoint.
    public static let authorize = "/connect/authorize"
    /// The token endpoint.
    public static let token = "/connect/token"
    /// The userinfo endpoint.
    public static let userinfo = "/connect/userinfo"
    /// The end-session (logout) endpoint.
    public static let endSession = "/connect/endsession"
    /// The revocation endpoint (RFC 7009).
    public static let revocation = "/connect/revocation"
    /// The introspection endpoint (RFC 7662).
    public static let introspection = "/connect/introspect"
    /// Liveness, for CI scripts and orchestrators.
    public static let health = "/healthz"
}
