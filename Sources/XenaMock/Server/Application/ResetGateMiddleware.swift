import Hummingbird

/// Passes every request but `POST /_mock/reset` through the ``ResetGate``, so a reset runs between requests.
struct ResetGateMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    let gate: ResetGate
    /// The reset's own path, which must not wait for itself.
    let resetPath: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == self.resetPath { return try await next(request, context) }
        return try await self.gate.request { try await next(request, context) }
    }
}
