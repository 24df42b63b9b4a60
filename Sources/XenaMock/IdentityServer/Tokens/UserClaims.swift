/// The claims about a user that the granted scopes release (OIDC Core §5.4): `profile` and `email`.
/// Userinfo returns them with `sub`; an id_token carries them only when no access token comes with it.
public struct UserClaims: Codable, Sendable, Equatable {
    public var name: String?
    public var givenName: String?
    public var familyName: String?
    public var preferredUsername: String?
    public var locale: String?
    public var picture: String?
    public var website: String?
    public var email: String?
    public var emailVerified: Bool?

    enum CodingKeys: String, CodingKey {
        case name
        case givenName = "given_name"
        case familyName = "family_name"
        case preferredUsername = "preferred_username"
        case locale, picture, website, email
        case emailVerified = "email_verified"
    }

    /// The claim names each scope releases, as discovery's `claims_supported` lists them.
    public static let claimNames = ["name", "given_name", "family_name", "preferred_username", "locale", "picture", "website", "email", "email_verified"]

    /// The claims of `user` that `scopes` release.
    public init(user: UserFixture, scopes: [String]) {
        if scopes.contains(StandardScope.profile) {
            self.name = user.name
            self.givenName = user.givenName
            self.familyName = user.familyName
            self.preferredUsername = user.preferredUsername
            self.locale = user.locale
            self.picture = user.picture
            self.website = user.website
        }
        if scopes.contains(StandardScope.email) {
            self.email = user.email
            self.emailVerified = user.emailVerified
        }
    }

    var isEmpty: Bool {
        [self.name, self.givenName, self.familyName, self.preferredUsername, self.locale, self.picture, self.website, self.email]
            .allSatisfy { $0 == nil } && self.emailVerified == nil
    }
}
