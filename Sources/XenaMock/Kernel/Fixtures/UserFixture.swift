/// A person who can log in to the mock, as `users.json` describes them.
///
/// Claim names follow OpenID Connect Core §5.1, so the same names appear in the fixture file,
/// in id_tokens and in userinfo.
public struct UserFixture: Codable, Sendable, Hashable {
    /// The stable subject identifier (`sub`).
    public var subject: String
    /// The login name typed on the login page and used by `login_hint` and `--user`.
    public var username: String
    /// The password for the interactive login page. Test data only.
    public var password: String
    /// The full name (`name`).
    public var name: String
    /// `given_name`.
    public var givenName: String
    /// `family_name`.
    public var familyName: String
    /// `preferred_username`.
    public var preferredUsername: String
    /// `email`.
    public var email: String
    /// `email_verified`.
    public var emailVerified: Bool
    /// The user's culture, e.g. `da-DK`, given as the `locale` claim.
    public var locale: String
    /// `picture`, a URL.
    public var picture: String?
    /// `website`, a URL.
    public var website: String?
    /// The user's numeric id in Xena (`UserId` in the API).
    public var xenaUserID: Int64
    /// The fiscal setups (companies) the user is a member of.
    public var memberships: [FiscalMembership]
    /// Other names the user logs in with instead of the username or email (Xena's username alias); optional.
    public var aliases: [String]?
    /// The fixed 6-digit code of Xena's 2-step verification ("One Time Password", sent by SMS in the real one): when
    /// set, the login page asks for it after the password; optional.
    public var otp: String?

    /// A value given field by field.
    public init(
        subject: String, username: String, password: String, name: String, givenName: String, familyName: String,
        preferredUsername: String, email: String, emailVerified: Bool = true, locale: String = "da-DK",
        picture: String? = nil, website: String? = nil, xenaUserID: Int64, memberships: [FiscalMembership] = []
    ) {
        self.subject = subject
        self.username = username
        self.password = password
        self.name = name
        self.givenName = givenName
        self.familyName = familyName
        self.preferredUsername = preferredUsername
        self.email = email
        self.emailVerified = emailVerified
        self.locale = locale
        self.picture = picture
        self.website = website
        self.xenaUserID = xenaUserID
        self.memberships = memberships
    }

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case username, password, name
        case givenName = "given_name"
        case familyName = "family_name"
        case preferredUsername = "preferred_username"
        case email
        case emailVerified = "email_verified"
        case locale, picture, website
        case xenaUserID = "xena_user_id"
        case memberships, aliases, otp
    }
}

/// A user's membership of one fiscal setup (a company in Xena).
public struct FiscalMembership: Codable, Sendable, Hashable {
    /// The `Id` of the fiscal setup.
    public var fiscalSetupID: Int64
    /// The membership's own `Id` in the API.
    public var membershipID: Int64
    /// Localized role names joined with ", ", e.g. `Administrator`.
    public var securityGroups: String

    /// A membership of a company.
    public init(fiscalSetupID: Int64, membershipID: Int64, securityGroups: String = "Administrator") {
        self.fiscalSetupID = fiscalSetupID
        self.membershipID = membershipID
        self.securityGroups = securityGroups
    }

    enum CodingKeys: String, CodingKey {
        case fiscalSetupID = "fiscal_setup_id"
        case membershipID = "membership_id"
        case securityGroups = "security_groups"
    }

    /// Decodes it from its JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.fiscalSetupID = try container.decode(Int64.self, forKey: .fiscalSetupID)
        self.membershipID = try container.decode(Int64.self, forKey: .membershipID)
        self.securityGroups = try container.decodeIfPresent(String.self, forKey: .securityGroups) ?? "Administrator"
    }
}
