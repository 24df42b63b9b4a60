import Synchronization

/// Lets `POST /_mock/reset` happen between requests, never in the middle of one: requests pass the gate shared, a
/// reset waits until those under way have answered (at most ``maximumWait``) and holds new ones back while it runs,
/// so no request sees half-reset state (a grant from before and a store from after).
final class ResetGate: Sendable {
    private struct State {
        var active = 0
        var resetting = false
        var waitingRequests: [CheckedContinuation<Void, Never>] = []
        var waitingReset: CheckedContinuation<Void, Never>?
    }

    /// How long a reset waits for requests under way (a slow upload, a long poll) before it goes ahead anyway.
    let maximumWait: Duration
    private let state = Mutex(State())

    init(maximumWait: Duration = .seconds(5)) {
        self.maximumWait = maximumWait
    }

    /// Whether a reset is waiting or running (requests arriving now wait for it).
    var isResetting: Bool {
        self.state.withLock { $0.resetting }
    }

    /// Runs a request through the gate.
    func request<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        await self.enter()
        defer { self.leave() }
        return try await body()
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = self.state.withLock { state in
                if state.resetting {
                    state.waitingRequests.append(continuation)
                    return false
                }
                state.active += 1
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave() {
        let reset = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.active -= 1
            guard state.active == 0, let waiting = state.waitingReset else { return nil }
            state.waitingReset = nil
            return waiting
        }
        reset?.resume()
    }

    /// Runs `reset` once no request is under way, holding new requests back until it is done.
    func reset(_ reset: () -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let idle = self.state.withLock { state in
                        state.resetting = true
                        if state.active == 0 { return true }
                        state.waitingReset = continuation
                        return false
                    }
                    if idle { continuation.resume() }
                }
            }
            group.addTask { try? await Task.sleep(for: self.maximumWait) }
            await group.next()
            // After the timeout the wait is still stored: resume it here, or the group would never finish.
            let stale = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waitingReset = nil }
                return state.waitingReset
            }
            stale?.resume()
            group.cancelAll()
        }
        reset()
        let waiting = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.resetting = false
            state.active += state.waitingRequests.count
            defer { state.waitingRequests = [] }
            return state.waitingRequests
        }
        for continuation in waiting { continuation.resume() }
    }
}
