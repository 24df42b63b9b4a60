import Hummingbird

/// Guards the whole control API: with an admin token configured (`--admin-token`), every call must carry
/// `Authorization: Bearer <token>`, compared in constant time.
struct AdminTokenMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    /// nil: no token is required (a server on a loopback address).
    let adminToken: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let adminToken = self.adminToken {
            guard let sent = try? AccessTokenValidator.bearerToken(in: request.headers), ClientAuthenticator.constantTimeEquals(adminToken, sent)
            else { throw ControlError.adminTokenRequired }
        }
        return try await next(request, context)
    }
}
