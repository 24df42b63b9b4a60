import Hummingbird

/// Handles every request holding a pass of the ``ResetGate``, so a reset waits for it and it never sees half a reset.
struct ResetGateMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: ResetGate

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try await self.gate.withPass { try await next(request, context) }
    }
}
