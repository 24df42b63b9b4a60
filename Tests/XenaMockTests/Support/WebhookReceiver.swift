import Foundation
import Hummingbird
import HummingbirdTesting
import NIOFoundationEssentialsCompat
import Synchronization
import Testing

@testable import XenaMock

/// A local HTTP server that records webhook deliveries, for the tests of the HTTP transport itself.
final class WebhookReceiver: Sendable {
    private let received = Mutex<[JSONValue]>([])

    var deliveries: [JSONValue] { self.received.withLock { $0 } }

    var application: some ApplicationProtocol {
        let router = Router()
        router.post("/hook") { request, context -> Response in
            let body = try await request.body.collect(upTo: 65536)
            #expect(request.headers[.contentType] == "application/json; charset=utf-8")
            self.received.withLock { $0.append((try? JSONValue.parse(Data(buffer: body))) ?? .null) }
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"Success": true}"#)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}

/// Captures webhook deliveries in memory and answers as the test says, per callback path.
final class RecordingWebhookTransport: WebhookTransport {
    /// Answers by the callback URL's last path segment; anything else gets `{"Success": true}`.
    let answers = Mutex<[String: WebhookAnswer]>([:])

    static let accepted = WebhookAnswer(status: 200, body: Array(#"{"Success": true}"#.utf8))
    static let serverError = WebhookAnswer(status: 500, body: [])
    static let lukewarm = WebhookAnswer(status: 200, body: Array(#"{"Success": false}"#.utf8))

    func answer(_ path: String, with answer: WebhookAnswer) {
        self.answers.withLock { $0[path] = answer }
    }

    func post(_ body: [UInt8], to url: String) async throws -> WebhookAnswer {
        let path = url.split(separator: "/").last.map(String.init) ?? ""
        return self.answers.withLock { $0[path] } ?? Self.accepted
    }
}

extension WebhookDispatcher {
    /// The next `count` finished deliveries, waiting at most `seconds` for them.
    func next(_ count: Int, within seconds: Int = 10) async throws -> [Outcome] {
        let outcomes = self.outcomes
        return try await withThrowingTaskGroup(of: [Outcome]?.self) { group in
            group.addTask {
                var collected: [Outcome] = []
                for await outcome in outcomes {
                    collected.append(outcome)
                    if collected.count == count { break }
                }
                return collected
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return try #require(first, "\(count) webhook deliveries did not finish within \(seconds) s")
        }
    }
}
