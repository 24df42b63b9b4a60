/// The paths the server answers on, in IdentityServer4's layout.
public enum EndpointPath {
    public static let discovery = "/.well-known/openid-configuration"
    public static let jwks = "/.well-known/openid-configuration/jwks"
    public static let authorize = "/connect/authorize"
    public static let token = "/connect/token"
    public static let userinfo = "/connect/userinfo"
    public static let endSession = "/connect/endsession"
    public static let revocation = "/connect/revocation"
    public static let introspection = "/connect/introspect"
    public static let health = "/healthz"
}
