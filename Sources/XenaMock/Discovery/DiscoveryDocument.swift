/// The OpenID Provider metadata at `/.well-known/openid-configuration`, in IdentityServer4's shape and order.
///
/// It lists only what the server implements: every endpoint answers and every listed value works.
public struct DiscoveryDocument: Codable, Sendable, Equatable {
    public var issuer: String
    public var jwksURI: String
    public var authorizationEndpoint: String?
    public var tokenEndpoint: String
    public var userinfoEndpoint: String?
    public var endSessionEndpoint: String?
    public var revocationEndpoint: String?
    public var introspectionEndpoint: String?
    public var frontchannelLogoutSupported: Bool?
    public var frontchannelLogoutSessionSupported: Bool?
    public var scopesSupported: [String]
    public var claimsSupported: [String]
    public var grantTypesSupported: [String]
    public var responseTypesSupported: [String]
    public var responseModesSupported: [String]
    public var tokenEndpointAuthMethodsSupported: [String]
    public var idTokenSigningAlgValuesSupported: [String]
    public var subjectTypesSupported: [String]
    public var codeChallengeMethodsSupported: [String]
    public var requestParameterSupported: Bool
    public var authorizationResponseIssParameterSupported: Bool?

    enum CodingKeys: String, CodingKey {
        case issuer
        case jwksURI = "jwks_uri"
        case authorizationEndpoint = "authorization_endpoint"
        case tokenEndpoint = "token_endpoint"
        case userinfoEndpoint = "userinfo_endpoint"
        case endSessionEndpoint = "end_session_endpoint"
        case revocationEndpoint = "revocation_endpoint"
        case introspectionEndpoint = "introspection_endpoint"
        case frontchannelLogoutSupported = "frontchannel_logout_supported"
        case frontchannelLogoutSessionSupported = "frontchannel_logout_session_supported"
        case scopesSupported = "scopes_supported"
        case claimsSupported = "claims_supported"
        case grantTypesSupported = "grant_types_supported"
        case responseTypesSupported = "response_types_supported"
        case responseModesSupported = "response_modes_supported"
        case tokenEndpointAuthMethodsSupported = "token_endpoint_auth_methods_supported"
        case idTokenSigningAlgValuesSupported = "id_token_signing_alg_values_supported"
        case subjectTypesSupported = "subject_types_supported"
        case codeChallengeMethodsSupported = "code_challenge_methods_supported"
        case requestParameterSupported = "request_parameter_supported"
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
        self.tokenEndpoint = issuer.url(EndpointPath.token)
        self.scopesSupported = apiScopes
        self.claimsSupported = ["sub"]
        self.grantTypesSupported = grantTypes
        self.responseTypesSupported = []
        self.responseModesSupported = []
        self.tokenEndpointAuthMethodsSupported = [
            ClientAuthenticationMethod.clientSecretBasic.rawValue, ClientAuthenticationMethod.clientSecretPost.rawValue,
        ]
        self.idTokenSigningAlgValuesSupported = ["RS256"]
        self.subjectTypesSupported = ["public"]
        self.codeChallengeMethodsSupported = []
        self.requestParameterSupported = false
    }
}
