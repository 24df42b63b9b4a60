import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Gives every error the endpoint's own JSON body: Hummingbird's bare 404 and other `HTTPError`s, a body over the
/// limit (413), and any unexpected error, which is logged and answers 500 without internals.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let format = ErrorFormat(path: request.uri.path)
            if error.status == .notFound && error.body == nil && format == .oauth { throw OAuthError.notFound(path: request.uri.path) }
            throw format.error(error.status, error.body ?? error.status.reasonPhrase)
        } catch is NIOTooManyBytesError {
            throw ErrorFormat(path: request.uri.path).error(.contentTooLarge, "The request body is too large.")
        } catch let error as any HTTPResponseError {
            throw error
        } catch let error where error is CancellationError || error is InjectedConnectionClose {
            throw error
        } catch let error as HTTPParserError {
            // The client broke off or sent garbage mid-request; the connection is answered 400 and closed.
            context.logger.debug("request ended early", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            throw error
        } catch {
            context.logger.error("unexpected error", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            throw ErrorFormat(path: request.uri.path).error(.internalServerError, "The server could not answer this request; its log says why.")
        }
    }
}
