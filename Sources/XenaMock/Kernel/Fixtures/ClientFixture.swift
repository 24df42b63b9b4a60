/// An OAuth client registered with the mock, as `clients.json` describes it.
///
/// The settings mirror a client in Xena's Developer Console (IdentityServer4's client model).
public struct ClientFixture: Codable, Sendable, Hashable {
    /// The client identifier, e.g. `demo-hybrid.xena.biz`.
    public var clientID: String
    /// The name shown on the consent page.
    public var clientName: String
    /// Accepted secrets; none makes a public client that authenticates with its `client_id` only.
    public var clientSecrets: [String]
    /// The flows the client may use.
    public var grantTypes: [ClientGrantType]
    /// Scopes the client may ask for.
    public var allowedScopes: [String]
    /// Redirect URIs compared exactly; a loopback `http://127.0.0.1/...` or `http://[::1]/...` URI matches any port,
    /// and `{issuer}/path` names a page of the mock wherever it runs (the playground's callback).
    public var redirectURIs: [String]
    /// Where the end-session endpoint may send the browser after logout.
    public var postLogoutRedirectURIs: [String]
    /// Whether authorization requests must carry a PKCE challenge (always true for public clients).
    public var requirePKCE: Bool
    /// The username of the user a `client_credentials` token acts for.
    public var serviceAccountUser: String?
    /// Overrides of the server-wide token lifetimes for this client, in seconds.
    public var accessTokenLifetime: Int?
    /// Seconds a refresh token lives; nil takes the server's.
    public var refreshTokenLifetime: Int?
    /// Seconds a code lives; nil takes the server's.
    public var authorizationCodeLifetime: Int?

    /// A value given field by field.
    public init(
        clientID: String, clientName: String, clientSecrets: [String] = [], grantTypes: [ClientGrantType],
        allowedScopes: [String], redirectURIs: [String] = [], postLogoutRedirectURIs: [String] = [], requirePKCE: Bool = false,
        serviceAccountUser: String? = nil, accessTokenLifetime: Int? = nil, refreshTokenLifetime: Int? = nil,
        authorizationCodeLifetime: Int? = nil
    ) {
        self.clientID = clientID
        self.clientName = clientName
        self.clientSecrets = clientSecrets
        self.grantTypes = grantTypes
        self.allowedScopes = allowedScopes
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.requirePKCE = requirePKCE
        self.serviceAccountUser = serviceAccountUser
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
    }

    /// A client without secrets: it cannot keep one, so it must prove itself with PKCE.
    public var isPublic: Bool { self.clientSecrets.isEmpty }

    /// Whether this client may use `grantType`.
    public func allows(_ grantType: ClientGrantType) -> Bool {
        self.grantTypes.contains(grantType)
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id"
        case clientName = "client_name"
        case clientSecrets = "client_secrets"
        case grantTypes = "grant_types"
        case allowedScopes = "allowed_scopes"
        case redirectURIs = "redirect_uris"
        case postLogoutRedirectURIs = "post_logout_redirect_uris"
        case requirePKCE = "require_pkce"
        case serviceAccountUser = "service_account_user"
        case accessTokenLifetime = "access_token_lifetime"
        case refreshTokenLifetime = "refresh_token_lifetime"
        case authorizationCodeLifetime = "authorization_code_lifetime"
    }

    /// Decodes it from its JSON form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.clientID = try container.decode(String.self, forKey: .clientID)
        self.clientName = try container.decodeIfPresent(String.self, forKey: .clientName) ?? self.clientID
        self.clientSecrets = try container.decodeIfPresent([String].self, forKey: .clientSecrets) ?? []
        self.grantTypes = try container.decode([ClientGrantType].self, forKey: .grantTypes)
        self.allowedScopes = try container.decode([String].self, forKey: .allowedScopes)
        self.redirectURIs = try container.decodeIfPresent([String].self, forKey: .redirectURIs) ?? []
        self.postLogoutRedirectURIs = try container.decodeIfPresent([String].self, forKey: .postLogoutRedirectURIs) ?? []
        self.requirePKCE = try container.decodeIfPresent(Bool.self, forKey: .requirePKCE) ?? false
        self.serviceAccountUser = try container.decodeIfPresent(String.self, forKey: .serviceAccountUser)
        self.accessTokenLifetime = try container.decodeIfPresent(Int.self, forKey: .accessTokenLifetime)
        self.refreshTokenLifetime = try container.decodeIfPresent(Int.self, forKey: .refreshTokenLifetime)
        self.authorizationCodeLifetime = try container.decodeIfPresent(Int.self, forKey: .authorizationCodeLifetime)
    }
}

/// The flows a client can be registered for, named as IdentityServer4 names them.
public enum ClientGrantType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Authorization code (with or without PKCE): `response_type=code`.
    case authorizationCode = "authorization_code"
    /// Hybrid: `code id_token`, `code token`, `code id_token token`.
    case hybrid
    /// Implicit: `id_token`, `id_token token`.
    case implicit
    /// Service accounts: `grant_type=client_credentials`.
    case clientCredentials = "client_credentials"
}
