import Hummingbird

/// `GET` and `POST /connect/userinfo` (OIDC Core §5.3): `sub` and the claims of the granted scopes,
/// for a valid access token that carries `openid`.
struct UserInfoController: Sendable {
    let validator: AccessTokenValidator
    let directory: IdentityDirectory

    struct UserInfoResponse: Encodable {
        var subject: String
        var claims: UserClaims

        enum CodingKeys: String, CodingKey {
            case subject = "sub"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.subject, forKey: .subject)
            try self.claims.encode(to: encoder)
        }
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.userinfo, method: .get) { request, _ in
            try await self.userinfo(token: try AccessTokenValidator.bearerToken(in: request.headers))
        }
        routes.on(EndpointPath.userinfo, method: .post) { request, context in
            try await self.userinfo(token: try await Self.token(in: request, context: context))
        }
    }

    /// A POST may carry the token in the header or, form-encoded, in the body (RFC 6750 §2.2), not both.
    private static func token(in request: Request, context: XenaRequestContext) async throws -> String {
        let isForm = request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
        let bodyToken = isForm ? try await OAuthParameters.fromBody(of: request, context: context)["access_token"] : nil
        switch (request.headers[.authorization], bodyToken) {
        case (.some, .some):
            throw OAuthError.invalidRequest("Send the access token in the Authorization header or in the body, not both.")
        case (nil, .some(let token)):
            return token
        default:
            return try AccessTokenValidator.bearerToken(in: request.headers)
        }
    }

    private func userinfo(token: String) async throws -> Response {
        let claims = try await self.validator.validate(token)
        guard claims.scope.contains(StandardScope.openID) else {
            throw OAuthError.insufficientScope(StandardScope.openID, "The token lacks the openid scope that userinfo requires.")
        }
        guard let user = self.directory.user(subject: claims.subject) else {
            throw OAuthError.invalidToken("The user of this token no longer exists.")
        }
        return try JSONResponse.make(
            UserInfoResponse(subject: user.subject, claims: UserClaims(user: user, scopes: claims.scope)), headers: [.cacheControl: "no-store"])
    }
}
