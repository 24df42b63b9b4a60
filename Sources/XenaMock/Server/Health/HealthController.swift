import Foundation
import Hummingbird

/// `GET /healthz`: 200 once the server is serving, for CI wait loops.
struct HealthController: Sendable {
    private static let body = Data(#"{"status":"ok"}"#.utf8)

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.health, method: .get) { _, _ in
            JSONResponse.make(encoded: Self.body, headers: [.cacheControl: "no-store"])
        }
    }
}
