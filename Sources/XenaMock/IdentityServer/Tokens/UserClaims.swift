/// The claims about a user that the granted scopes release (OIDC Core §5.4): `profile` and `email`.
/// Userinfo returns them with `sub`; an id_token carries them only when no access token comes with it.
public struct UserClaims: Codable, Sendable, Equatable {
    /// `name`.
    public var name: String?
    /// `given_name`.
    public var givenName: String?
    /// `family_name`.
    public var familyName: String?
    /// `preferred_username`.
    public var preferredUsername: String?
    /// `locale`.
    public var locale: String?
    /// `picture`.
    public var picture: String?
    /// `website`.
    public var website: String?
    /// `email`.
    public var email: String?
    /// `email_verified`.
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
