import Hummingbird

/// `POST /connect/token`: authenticates the client, then hands the request to the handler of its `grant_type`.
struct TokenController: Sendable {
    let authenticator: ClientAuthenticator
    let handlers: [String: any TokenGrantHandler]

    init(authenticator: ClientAuthenticator, handlers: [any TokenGrantHandler]) {
        self.authenticator = authenticator
        self.handlers = Dictionary(handlers.map { ($0.grantType, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The grant types discovery advertises.
    var grantTypes: [String] { self.handlers.keys.sorted() }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.token, method: .post, use: self.token)
    }

    @Sendable func token(_ request: Request, context: XenaRequestContext) async throws -> Response {
        let parameters = try await OAuthParameters.fromBody(of: request, context: context)
        let grantType = try parameters.required("grant_type")
        let client = try self.authenticator.authenticate(headers: request.headers, parameters: parameters)
        guard let handler = self.handlers[grantType] else {
            throw OAuthError.unsupportedGrantType("The grant type '\(grantType)' is not supported.")
        }
        guard handler.isAllowed(for: client.client) else {
            throw OAuthError.unauthorizedClient("Client '\(client.client.clientID)' is not registered for the \(grantType) grant.")
        }
        let response = try await handler.grant(parameters, client: client)
        return try JSONResponse.make(response, headers: [.cacheControl: "no-store", .pragma: "no-cache"])
    }
}
