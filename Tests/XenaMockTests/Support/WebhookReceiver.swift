import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization

@testable import XenaMock

/// A local HTTP server that records webhook deliveries, answering as the test tells it to.
final class WebhookReceiver: Sendable {
    private let received = Mutex<[JSONValue]>([])
    /// When true the receiver fails deliveries with 500.
    let failing = Mutex(false)

    var deliveries: [JSONValue] { self.received.withLock { $0 } }

    var application: some ApplicationProtocol {
        let router = Router()
        router.post("/hook") { request, context -> Response in
            let body = try await request.body.collect(upTo: 65536)
            self.received.withLock { $0.append((try? JSONValue.parse(Data(buffer: body))) ?? .null) }
            if self.failing.withLock({ $0 }) {
                return Response(status: .internalServerError)
            }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"Success": true}"#)))
        }
        router.post("/lukewarm") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"Success": false}"#)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    /// Waits (bounded) until `count` deliveries arrived; returns them.
    func waitFor(_ count: Int, seconds: Double = 10) async throws -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while self.deliveries.count < count && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        return self.deliveries
    }
}

/// Waits (bounded) until `condition` holds.
func eventually(seconds: Double = 10, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() && ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
}
