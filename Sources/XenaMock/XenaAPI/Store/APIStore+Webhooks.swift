import Foundation
import Synchronization

/// Failed webhook deliveries and the hooks they disable, as Xena counts them.
extension APIStore {
    func recordWebhookFailure(webHookID: Int64, statusCode: Int?, message: String, threshold: Int, window: TimeInterval, pause: TimeInterval) {
        let now = self.clock.now
        self.state.withLock { state in
            let failure = WebhookFailure(id: state.nextID, webHookID: webHookID, occurredAt: now, statusCode: statusCode, message: message)
            state.nextID += 1
            // Failures older than the window no longer count; a bounded history is kept for WebHookFailures.
            var failures = state.webhookFailures[webHookID, default: []]
            failures.append(failure)
            if failures.count > 500 { failures.removeFirst(failures.count - 500) }
            state.webhookFailures[webHookID] = failures
            let recent = failures.filter { now.timeIntervalSince($0.occurredAt) <= window }.count
            if recent > threshold {
                state.webhookDisabledUntil[webHookID] = now.addingTimeInterval(pause)
            }
            self.saveWebhook(state, id: webHookID)
        }
    }

    /// The failed deliveries of a webhook, oldest first (the last 500).
    public func webhookFailures(webHookID: Int64) -> [WebhookFailure] {
        self.state.withLock { $0.webhookFailures[webHookID] ?? [] }
    }

    /// Failures within the last `window` seconds of the mock's clock.
    func webhookFailureCount(webHookID: Int64, within window: TimeInterval) -> Int {
        let now = self.clock.now
        return self.state.withLock { state in
            (state.webhookFailures[webHookID] ?? []).filter { now.timeIntervalSince($0.occurredAt) <= window }.count
        }
    }

    func isWebhookDisabled(_ webHookID: Int64) -> Bool {
        let now = self.clock.now
        return self.state.withLock { state in (state.webhookDisabledUntil[webHookID]).map { $0 > now } ?? false }
    }
}
