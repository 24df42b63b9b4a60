/// The OpenID Provider metadata at `/.well-known/openid-configuration`, in IdentityServer4's shape and order.
///
/// It lists only what the server implements: every endpoint answers and every listed value works.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    /// The issuer URL, equal to every token's `iss`.
    public var issuer: String
    /// `jwks_uri`: where the signing keys are published.
    public var jwksURI: String
    /// `authorization_endpoint`.
    public var authorizationEndpoint: String
    /// `token_endpoint`.
    public var tokenEndpoint: String
    /// `userinfo_endpoint`.
    public var userinfoEndpoint: String
    /// `end_session_endpoint`.
    public var endSessionEndpoint: String
    /// `revocation_endpoint` (RFC 7009).
    public var revocationEndpoint: String
    /// `introspection_endpoint` (RFC 7662).
    public var introspectionEndpoint: String
    /// `scopes_supported`: the identity and API scopes.
    public var scopesSupported: [String]
    /// `claims_supported`.
    public var claimsSupported: [String]
    /// `grant_types_supported`: the grants the token endpoint handles.
    public var grantTypesSupported: [String]
    /// `response_types_supported`: code, hybrid and implicit combinations.
    public var responseTypesSupported: [String]
    /// `response_modes_supported`: query, fragment, form_post.
    public var responseModesSupported: [String]
    /// `token_endpoint_auth_methods_supported`.
    public var tokenEndpointAuthMethodsSupported: [String]
    /// `id_token_signing_alg_values_supported`: RS256.
    public var idTokenSigningAlgValuesSupported: [String]
    /// `subject_types_supported`: public.
    public var subjectTypesSupported: [String]
    /// `code_challenge_methods_supported`: plain and S256.
    public var codeChallengeMethodsSupported: [String]
    /// `prompt_values_supported`.
    public var promptValuesSupported: [String]
    /// `request_parameter_supported`: false.
    public var requestParameterSupported: Bool
    /// `request_uri_parameter_supported`: false.
    public var requestURIParameterSupported: Bool
    /// `authorization_response_iss_parameter_supported` (RFC 9207): true.
    public var authorizationResponseIssParameterSupported: Bool
    /// `ui_locales_supported`: the languages of the login and consent pages, `da` and `en`.
    public var uiLocalesSupported: [String]

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case scopesSupported = "scopes_supported"
        case claimsSupported = "claims_supported"
        case grantTypesSupported = "grant_types_supported"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case subjectTypesSupported = "subject_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case promptValuesSupported = "prompt_values_supported"
        case requestParameterSupported = "request_parameter_supported"
        case requestURIParameterSupported = "request_uri_parameter_supported"
        case authorizationResponseIssParameterSupported = "authorization_response_iss_parameter_supported"
        case uiLocalesSupported = "ui_locales_supported"
    }

    /// The server's document under `issuer`.
    ///
    /// - Parameters:
    ///   - apiScopes: the API scopes of the API resources (`testapi`).
    ///   - grantTypes: the grant types the token endpoint serves.
    init(issuer: IssuerURL, apiScopes: [String], grantTypes: [String]) {
        self.issuer = issuer.string
        self.jwksURI = issuer.url(EndpointPath.jwks)
        self.authorizationEndpoint = issuer.url(EndpointPath.authorize)
        self.tokenEndpoint = issuer.url(EndpointPath.token)
        self.userinfoEndpoint = issuer.url(EndpointPath.userinfo)
        self.endSessionEndpoint = issuer.url(EndpointPath.endSession)
        self.revocationEndpoint = issuer.url(EndpointPath.revocation)
        self.introspectionEndpoint = issuer.url(EndpointPath.introspection)
        self.scopesSupported = [StandardScope.openID, StandardScope.profile, StandardScope.email] + apiScopes + [StandardScope.offlineAccess]
        self.claimsSupported = ["sub"] + UserClaims.claimNames
        // The authorize endpoint's implicit flow is a grant type in discovery's sense (RFC 8414 §2).
        self.grantTypesSupported = (grantTypes + ["implicit"]).sorted()
        self.responseTypesSupported = ResponseType.supported.map(\.description)
        self.responseModesSupported = [ResponseMode.formPost, .query, .fragment].map(\.rawValue)
        self.tokenEndpointAuthMethodsSupported = [
            ClientAuthenticationMethod.clientSecretBasic.rawValue, ClientAuthenticationMethod.clientSecretPost.rawValue,
        ]
        self.idTokenSigningAlgValuesSupported = ["RS256"]
        self.subjectTypesSupported = ["public"]
        self.codeChallengeMethodsSupported = [PKCEChallenge.Method.plain.rawValue, PKCEChallenge.Method.s256.rawValue]
        self.promptValuesSupported = Prompt.allCases.map(\.rawValue)
        self.requestParameterSupported = false
        self.requestURIParameterSupported = false
        self.authorizationResponseIssParameterSupported = true
        self.uiLocalesSupported = PageLanguage.allCases.map(\.rawValue)
    }
}
