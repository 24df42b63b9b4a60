import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ServiceLifecycle

/// Delivers webhook notifications as Xena does: `POST {"EntityType", "EntityId", "EntityEvent"}` to the hook's
/// `CallBackUrl` with a 5 s timeout. A delivery fails on a non-200 answer or a body without `"Success": true`;
/// more than 10 failures within 10 minutes disable the hook for an hour of the mock's clock.
///
/// Writes only enqueue; deliveries run in this service's task group, so they never block or fail a write.
public final class WebhookDispatcher: Service, Sendable {
    struct Delivery: Sendable {
        var webHookID: Int64
        var url: String
        var payload: JSONValue
    }

    static let timeout: TimeAmount = .seconds(5)
    static let failureThreshold = 10
    static let failureWindow: TimeInterval = 600
    static let pause: TimeInterval = 3600

    private let store: APIStore
    private let httpClient: HTTPClient
    private let logger: Logger
    private let stream: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation

    init(store: APIStore, httpClient: HTTPClient = .shared, logger: Logger) {
        self.store = store
        self.httpClient = httpClient
        self.logger = logger
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingNewest(10_000))
    }

    /// Enqueues a notification for every active hook that matches each event.
    func notify(_ events: [APIStore.EntityEvent]) {
        for event in events {
            for hook in self.store.entities(fiscalID: event.fiscalID, resource: "WebHook") {
                guard let hookID = hook["Id"]?.integer, let url = hook["CallBackUrl"]?.string,
                    hook["EntityType"]?.string?.caseInsensitiveCompare(event.entityType) == .orderedSame,
                    hook["EntityId"]?.integer.map({ $0 == event.entityID }) ?? true,
                    hook["IsDeactivated"]?.bool != true,
                    !self.store.isWebhookDisabled(hookID)
                else { continue }
                let payload: JSONValue = [
                    "EntityType": .string(event.entityType), "EntityId": .integer(event.entityID), "EntityEvent": .string(event.kind.rawValue),
                ]
                self.continuation.yield(Delivery(webHookID: hookID, url: url, payload: payload))
            }
        }
    }

    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await delivery in self.stream.cancelOnGracefulShutdown() {
                group.addTask { await self.deliver(delivery) }
            }
            // Shutting down: deliveries still under way are dropped, as they would be when the real server restarts,
            // so a backlog of slow callbacks cannot hold up the exit.
            group.cancelAll()
        }
    }

    private func deliver(_ delivery: Delivery) async {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: delivery.payload.serialized()))
        do {
            let response = try await self.httpClient.execute(request, timeout: Self.timeout)
            let body = try await response.body.collect(upTo: 64 * 1024)
            guard response.status.code == 200 else {
                return self.fail(delivery, status: Int(response.status.code), "The receiver answered \(response.status.code).")
            }
            guard (try? JSONValue.parse(Data(buffer: body)))?.object?["Success"]?.bool == true else {
                return self.fail(delivery, status: 200, "The receiver's answer did not contain \"Success\": true.")
            }
        } catch {
            self.fail(delivery, status: nil, "The delivery failed: \(error).")
        }
    }

    private func fail(_ delivery: Delivery, status: Int?, _ message: String) {
        self.logger.notice("webhook delivery failed", metadata: ["webhook": "\(delivery.webHookID)", "reason": "\(message)"])
        self.store.recordWebhookFailure(
            webHookID: delivery.webHookID, statusCode: status, message: message, threshold: Self.failureThreshold, window: Self.failureWindow,
            pause: Self.pause)
    }
}
