import Foundation
import Hummingbird

/// Runs before every `/Api` route: validates the bearer token as Xena's ASP.NET API does and puts the user it acts
/// for into the request context (``APICall/user``), with the path's segments.
struct APIAuthenticationMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    let authorizer: APIAuthorizer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.apiCall.segments = Self.segments(of: request.uri.path)
        context.apiCall.user = try await self.authorizer.user(for: request.headers).0
        return try await next(request, context)
    }

    /// The segments after `/Api`, percent-decoded.
    static func segments(of path: String) -> [String] {
        path.dropFirst(APIController.pathPrefix.count).split(separator: "/").map { segment in
            // The byte test, not `contains("%")`: with Foundation imported that is a locale-aware CFString search.
            segment.utf8.contains(UInt8(ascii: "%")) ? segment.removingPercentEncoding ?? String(segment) : String(segment)
        }
    }
}
