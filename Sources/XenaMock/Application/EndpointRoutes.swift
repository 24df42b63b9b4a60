import HTTPTypes
import Hummingbird

/// Registers routes on the router and remembers which methods each path has, so that a known path
/// called with another method answers 405 with `Allow` instead of 404.
final class EndpointRoutes {
    typealias Handler = @Sendable (Request, XenaRequestContext) async throws -> Response

    let router: Router<XenaRequestContext>
    private var methodsByPath: [(path: String, methods: [HTTPRequest.Method])] = []

    init(router: Router<XenaRequestContext>) {
        self.router = router
    }

    func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping Handler) {
        self.router.on(RouterPath(path), method: method, use: handler)
        if let index = self.methodsByPath.firstIndex(where: { $0.path == path }) {
            self.methodsByPath[index].methods.append(method)
        } else {
            self.methodsByPath.append((path, [method]))
        }
    }

    /// Every path registered so far with its methods, in registration order (Hummingbird's `:name` parameters).
    var registered: [(path: String, methods: [HTTPRequest.Method])] { self.methodsByPath }

    /// Adds the 405 answers; call once, after every controller has added its routes.
    func addMethodNotAllowedRoutes() {
        let candidates: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch]
        for (path, methods) in self.methodsByPath {
            let allowed = methods
            for method in candidates where !methods.contains(method) {
                self.router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw OAuthError.methodNotAllowed(request.method, allowed: allowed)
                }
            }
        }
    }
}
