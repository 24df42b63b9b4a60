import HTTPTypes
import Hummingbird

/// Registers routes on the router, or on a group of it, and remembers which methods each path has, so that a known
/// path called with another method answers 405 with `Allow` instead of 404.
final class EndpointRoutes {
    typealias Handler = @Sendable (Request, XenaRequestContext) async throws -> Response

    /// Paths (absolute) and their methods, shared by the router and its groups.
    private final class Registry {
        var methodsByPath: [(path: String, methods: [HTTPRequest.Method])] = []
    }

    let router: Router<XenaRequestContext>
    private let routes: any RouterMethods<XenaRequestContext>
    /// The group's path, which every path given to ``on(_:method:use:)`` starts with; empty for the router itself.
    private let prefix: String
    private let registry: Registry

    init(router: Router<XenaRequestContext>) {
        self.router = router
        self.routes = router
        self.prefix = ""
        self.registry = Registry()
    }

    private init(parent: EndpointRoutes, prefix: String, routes: any RouterMethods<XenaRequestContext>) {
        self.router = parent.router
        self.routes = routes
        self.prefix = prefix
        self.registry = parent.registry
    }

    /// Routes under `prefix` that all pass through `middleware` first (e.g. the control API's admin token check).
    func group(_ prefix: String, middleware: some RouterMiddleware<XenaRequestContext>) -> EndpointRoutes {
        let group = self.router.group(RouterPath(prefix)).add(middleware: middleware)
        return EndpointRoutes(parent: self, prefix: prefix, routes: group)
    }

    /// Adds a route; `path` is absolute, also in a group.
    func on(_ path: String, method: HTTPRequest.Method, use handler: @escaping Handler) {
        precondition(path.hasPrefix(self.prefix), "\(path) is not under the group \(self.prefix)")
        self.routes.on(RouterPath(String(path.dropFirst(self.prefix.count))), method: method, use: handler)
        if let index = self.registry.methodsByPath.firstIndex(where: { $0.path == path }) {
            self.registry.methodsByPath[index].methods.append(method)
        } else {
            self.registry.methodsByPath.append((path, [method]))
        }
    }

    /// Every path registered so far with its methods, in registration order (Hummingbird's `:name` parameters).
    var registered: [(path: String, methods: [HTTPRequest.Method])] { self.registry.methodsByPath }

    /// Adds the 405 answers; call once, after every controller has added its routes.
    func addMethodNotAllowedRoutes() {
        let candidates: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch]
        for (path, methods) in self.registry.methodsByPath {
            let allowed = methods
            for method in candidates where !methods.contains(method) {
                self.router.on(RouterPath(path), method: method) { request, _ -> Response in
                    throw OAuthError.methodNotAllowed(request.method, allowed: allowed)
                }
            }
        }
    }
}
