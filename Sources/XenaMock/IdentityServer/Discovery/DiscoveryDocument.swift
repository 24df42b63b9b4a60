/// The OpenID Provider metadata at `/.well-known/openid-configuration`, in IdentityServer4's shape and order.
///
/// It lists only what the server implements: every endpoint answers and every listed value works.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    public var issuer: String
    public var jwksURI: String
    public var authorizationEndpoint: String
    public var tokenEndpoint: String
    public var userinfoEndpoint: String
    public var endSessionEndpoint: String
    public var revocationEndpoint: String
    public var introspectionEndpoint: String
    public var scopesSupported: [String]
    public var claimsSupported: [String]
    public var grantTypesSupported: [String]
    public var responseTypesSupported: [String]
    public var responseModesSupported: [String]
    public var tokenEndpointAuthMethodsSupported: [String]
    public var idTokenSigningAlgValuesSupported: [String]
    public var subjectTypesSupported: [String]
    public var codeChallengeMethodsSupported: [String]
    public var promptValuesSupported: [String]
    public var requestParameterSupported: Bool
    public var requestURIParameterSupported: Bool
    public var authorizationResponseIssParameterSupported: Bool

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
    }
}
