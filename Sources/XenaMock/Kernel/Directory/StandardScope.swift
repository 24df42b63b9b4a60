/// The OpenID Connect scopes every Xena client can ask for, beside the API scopes of `api-resources.json`.
public enum StandardScope {
    /// `openid`: an id_token.
    public static let openID = "openid"
    /// `profile`: the name claims.
    public static let profile = "profile"
    /// `email`: the email claims.
    public static let email = "email"
    /// `offline_access`: a refresh token.
    public static let offlineAccess = "offline_access"

    /// Scopes about the user (OIDC Core §5.4) or the session, as opposed to API scopes.
    public static let identityScopes = [openID, profile, email, offlineAccess]

    /// Splits a space-delimited `scope` parameter (RFC 6749 §3.3) into its scopes, dropping repeats.
    public static func parse(_ parameter: String?) -> [String] {
        guard let parameter else { return [] }
        var seen = Set<String>()
        return parameter.split(separator: " ", omittingEmptySubsequences: true).map(String.init).filter { seen.insert($0).inserted }
    }
}
