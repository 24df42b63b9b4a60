import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Delivers webhook notifications as Xena does: `POST {"EntityType", "EntityId", "EntityEvent"}` to the hook's
/// `CallBackUrl`. A delivery fails on a non-200 answer or a body without `"Success": true`; more than 10 failures
/// within 10 minutes disable the hook for an hour of the mock's clock.
///
/// Writes only enqueue; deliveries run in this service's task group, so they never block or fail a write. Each
/// finished delivery is announced on ``outcomes``, so a test waits for exactly what it expects instead of sleeping.
public final class WebhookDispatcher: Service, Sendable {
    struct Delivery: Sendable {
        var webHookID: Int64
        var url: String
        var payload: JSONValue
    }

    /// What became of one delivery.
    public struct Outcome: Sendable, Equatable {
        /// The `Id` of the `WebHook` entity.
        public var webHookID: Int64
        /// Its `CallBackUrl`.
        public var url: String
        /// `{"EntityType", "EntityId", "EntityEvent"}`.
        public var payload: JSONValue
        /// Why it counted as a failure, or nil when the receiver accepted it.
        public var failure: String?
    }

    static let failureThreshold = 10
    static let failureWindow: TimeInterval = 600
    static let pause: TimeInterval = 3600

    private let store: APIStore
    private let transport: any WebhookTransport
    private let logger: Logger
    private let stream: AsyncStream<Delivery>
    private let continuation: AsyncStream<Delivery>.Continuation
    private let outcomeContinuation: AsyncStream<Outcome>.Continuation
    private let enqueuedCount = Atomic<Int>(0)

    /// Every finished delivery, in the order they finish (the newest 1,000 are kept until read).
    public let outcomes: AsyncStream<Outcome>

    init(store: APIStore, transport: any WebhookTransport, logger: Logger) {
        self.store = store
        self.transport = transport
        self.logger = logger
        (self.stream, self.continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .bufferingNewest(10_000))
        (self.outcomes, self.outcomeContinuation) = AsyncStream.makeStream(of: Outcome.self, bufferingPolicy: .bufferingNewest(1000))
    }

    /// How many deliveries writes have enqueued so far; a write that returned has already enqueued its own.
    public var enqueued: Int { self.enqueuedCount.load(ordering: .relaxed) }

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
                self.enqueuedCount.add(1, ordering: .relaxed)
                self.continuation.yield(Delivery(webHookID: hookID, url: url, payload: payload))
            }
        }
    }

    /// Delivers what writes enqueue until the server shuts down (the service's part in the service group).
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await delivery in self.stream.cancelOnGracefulShutdown() {
                group.addTask { await self.deliver(delivery) }
            }
            // Shutting down: deliveries still under way are dropped, as they would be when the real server restarts,
            // so a backlog of slow callbacks cannot hold up the exit.
            group.cancelAll()
        }
        self.outcomeContinuation.finish()
    }

    private func deliver(_ delivery: Delivery) async {
        let failure: String?
        do {
            let answer = try await self.transport.post(delivery.payload.serialized(), to: delivery.url)
            if answer.status != 200 {
                failure = "The receiver answered \(answer.status)."
            } else if (try? JSONValue.parse(answer.body))?.object?["Success"]?.bool != true {
                failure = "The receiver's answer did not contain \"Success\": true."
            } else {
                failure = nil
            }
            if let failure { self.fail(delivery, status: answer.status, failure) }
        } catch {
            failure = "The delivery failed: \(error)."
            self.fail(delivery, status: nil, failure ?? "")
        }
        self.outcomeContinuation.yield(Outcome(webHookID: delivery.webHookID, url: delivery.url, payload: delivery.payload, failure: failure))
    }

    private func fail(_ delivery: Delivery, status: Int?, _ message: String) {
        self.logger.notice("webhook delivery failed", metadata: ["webhook": "\(delivery.webHookID)", "reason": "\(message)"])
        self.store.recordWebhookFailure(
            webHookID: delivery.webHookID, statusCode: status, message: message, threshold: Self.failureThreshold, window: Self.failureWindow,
            pause: Self.pause)
    }
}
