import Hummingbird

/// `GET` and `POST /connect/authorize`.
struct AuthorizeController: Sendable {
    let validator: AuthorizeRequestValidator
    let flow: AuthorizationFlow

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.authorize, method: .get) { request, _ in
            try self.authorize(try await Self.pageParameters { try OAuthParameters.fromQuery(of: request) }, browser: request)
        }
        routes.on(EndpointPath.authorize, method: .post) { request, context in
            try self.authorize(try await Self.pageParameters { try await OAuthParameters.fromBody(of: request, context: context) }, browser: request)
        }
    }

    func authorize(_ parameters: OAuthParameters, browser: Request) throws -> Response {
        let request = try self.validator.validate(parameters)
        return self.flow.decide(request, browser: browser).response(issuer: self.flow.issuer.current)
    }

    /// Parameters that cannot even be read are shown on the error page: without trustworthy parameters
    /// there is no redirect URI to send the error to.
    static func pageParameters(_ read: () async throws -> OAuthParameters) async throws -> OAuthParameters {
        do {
            return try await read()
        } catch let error as OAuthError {
            throw AuthorizeFailure.errorPage(code: error.code, description: error.errorDescription ?? "The request is malformed.")
        }
    }
}
