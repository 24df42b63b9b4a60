import Hummingbird

/// Gives unknown paths the server's JSON error body instead of Hummingbird's empty 404.
struct NotFoundMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            throw OAuthError.notFound(path: request.uri.path)
        }
    }
}
