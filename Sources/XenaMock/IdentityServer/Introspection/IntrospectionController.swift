import Hummingbird
import JWTKit

/// `POST /connect/introspect` (RFC 7662). An API resource (its name and secret from `api-resources.json`) may
/// introspect access tokens meant for it; a client may introspect its own access and refresh tokens.
/// Anything expired, revoked, unknown or not the caller's is `{"active": false}`.
struct IntrospectionController: Sendable {
    let authenticator: ClientAuthenticator
    let directory: IdentityDirectory
    let validator: AccessTokenValidator
    let grants: GrantStore

    /// Who is asking.
    enum Caller {
        case resource(APIResourceFixture)
        case client(ClientFixture)
    }

    struct IntrospectionResponse: Encodable {
        var active: Bool
        var issuer: String?
        var notBefore: Int64?
        var issuedAt: Int64?
        var expiresAt: Int64?
        var audience: [String]?
        var clientID: String?
        var subject: String?
        var authTime: Int64?
        var identityProvider: String?
        var sessionID: String?
        var tokenID: String?
        var authenticationMethods: [String]?
        var scope: String?
        var tokenType: String?

        /// The fields that are not access-token claims; the claims use the token's own names
        /// (``AccessTokenClaims/CodingKeys``), so the two cannot drift apart.
        private enum CodingKeys: String, CodingKey {
            case active
            case tokenType = "token_type"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.active, forKey: .active)
            var claims = encoder.container(keyedBy: AccessTokenClaims.CodingKeys.self)
            try claims.encodeIfPresent(self.issuer, forKey: .issuer)
            try claims.encodeIfPresent(self.notBefore, forKey: .notBefore)
            try claims.encodeIfPresent(self.issuedAt, forKey: .issuedAt)
            try claims.encodeIfPresent(self.expiresAt, forKey: .expiresAt)
            try claims.encodeIfPresent(self.audience, forKey: .audience)
            try claims.encodeIfPresent(self.clientID, forKey: .clientID)
            try claims.encodeIfPresent(self.subject, forKey: .subject)
            try claims.encodeIfPresent(self.authTime, forKey: .authTime)
            try claims.encodeIfPresent(self.identityProvider, forKey: .identityProvider)
            try claims.encodeIfPresent(self.sessionID, forKey: .sessionID)
            try claims.encodeIfPresent(self.tokenID, forKey: .tokenID)
            try claims.encodeIfPresent(self.authenticationMethods, forKey: .authenticationMethods)
            // RFC 7662 writes the scope as one space-separated string, not the token's array.
            try claims.encodeIfPresent(self.scope, forKey: .scope)
            try container.encodeIfPresent(self.tokenType, forKey: .tokenType)
        }

        static let inactive = IntrospectionResponse(active: false)
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.introspection, method: .post) { request, context in
            let parameters = try await OAuthParameters.fromBody(of: request, context: context)
            let caller = try self.caller(request: request, parameters: parameters)
            let token = try parameters.required("token")
            let answer = await self.introspect(token, for: caller)
            return try JSONResponse.make(answer, headers: [.cacheControl: "no-store"])
        }
    }

    private func caller(request: Request, parameters: OAuthParameters) throws -> Caller {
        let credentials = try ClientAuthenticator.credentials(headers: request.headers, parameters: parameters)
        if let resource = self.directory.apiResources.first(where: { $0.name == credentials.clientID }) {
            guard let secret = credentials.secret, resource.secrets.contains(where: { ClientAuthenticator.constantTimeEquals($0, secret) }) else {
                throw OAuthError.invalidClient(
                    "The secret of API resource '\(resource.name)' is wrong.", basicChallenge: credentials.method == .clientSecretBasic)
            }
            return .resource(resource)
        }
        return .client(try self.authenticator.authenticate(headers: request.headers, parameters: parameters).client)
    }

    private func introspect(_ token: String, for caller: Caller) async -> IntrospectionResponse {
        if let claims = try? await self.validator.validate(token) {
            let audiences = claims.audience?.value ?? []
            switch caller {
            case .resource(let resource) where audiences.contains(resource.name): break
            case .client(let client) where claims.clientID == client.clientID: break
            default: return .inactive
            }
            return IntrospectionResponse(
                active: true, issuer: claims.issuer, notBefore: claims.notBefore, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt,
                audience: audiences, clientID: claims.clientID, subject: claims.subject, authTime: claims.authTime,
                identityProvider: claims.identityProvider, sessionID: claims.sessionID, tokenID: claims.tokenID,
                authenticationMethods: claims.authenticationMethods, scope: claims.scope.joined(separator: " "), tokenType: "access_token")
        }
        if case .client(let client) = caller, let record = self.grants.refreshToken(token), record.clientID == client.clientID {
            return IntrospectionResponse(
                active: true, issuedAt: record.issuedAt, expiresAt: record.expiresAt, clientID: record.clientID, subject: record.subject,
                authTime: record.login.authTime, sessionID: record.login.sessionID, scope: record.scopes.joined(separator: " "),
                tokenType: "refresh_token")
        }
        return .inactive
    }
}
