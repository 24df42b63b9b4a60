import Synchronization

/// Lets requests run side by side and a reset run alone, so that no request sees half of a reset.
///
/// Every request holds a pass while it is handled (``ResetGateMiddleware``). A reset closes the gate to new requests,
/// waits until the passes held are returned, runs, and opens the gate again. Resets take turns. A reset that is itself
/// a request (`POST /_mock/reset`) returns its own pass while it waits, so two concurrent resets cannot wait for each
/// other.
final class ResetGate: Sendable {
    private struct State {
        /// Passes held by requests being handled.
        var held = 0
        /// Whether a reset has the gate (closed to new requests).
        var closed = false
        /// Requests waiting for the gate to open.
        var waitingRequests: [CheckedContinuation<Void, Never>] = []
        /// Resets waiting for their turn.
        var waitingResets: [CheckedContinuation<Void, Never>] = []
        /// The reset waiting for the passes held to come back.
        var draining: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// The gate whose pass the current task holds, if any.
    @TaskLocal private static var passHolder: ObjectIdentifier?

    /// Whether a reset has the gate: new requests wait.
    var isClosed: Bool { self.state.withLock(\.closed) }

    /// Runs `body` holding a pass: no reset runs until it returns.
    func withPass<Result: Sendable>(_ body: () async throws -> Result) async rethrows -> Result {
        await self.enter()
        defer { self.leave() }
        return try await Self.$passHolder.withValue(ObjectIdentifier(self)) { try await body() }
    }

    /// Runs `reset` alone: after every request that holds a pass has finished, before any other starts.
    func exclusively(_ reset: () -> Void) async {
        let holdsPass = Self.passHolder == ObjectIdentifier(self)
        if holdsPass { self.leave() }
        await self.takeTurn()
        await self.drain()
        reset()
        self.open()
        if holdsPass { await self.enter() }
    }

    private func enter() async {
        let admitted = self.state.withLock { state in
            guard !state.closed else { return false }
            state.held += 1
            return true
        }
        if admitted { return }
        await withCheckedContinuation { continuation in
            let admittedNow = self.state.withLock { state in
                guard state.closed else {
                    state.held += 1
                    return true
                }
                state.waitingRequests.append(continuation)
                return false
            }
            if admittedNow { continuation.resume() }
        }
    }

    private func leave() {
        let drained = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.held -= 1
            guard state.held == 0, let draining = state.draining else { return nil }
            state.draining = nil
            return draining
        }
        drained?.resume()
    }

    /// Waits until no other reset has the gate, then closes it.
    private func takeTurn() async {
        await withCheckedContinuation { continuation in
            let mine = self.state.withLock { state in
                guard state.closed else {
                    state.closed = true
                    return true
                }
                state.waitingResets.append(continuation)
                return false
            }
            if mine { continuation.resume() }
        }
    }

    /// Waits until every pass has come back.
    private func drain() async {
        await withCheckedContinuation { continuation in
            let drained = self.state.withLock { state in
                guard state.held > 0 else { return true }
                state.draining = continuation
                return false
            }
            if drained { continuation.resume() }
        }
    }

    /// Lets the waiting requests in, and hands the closed gate to the next reset if one waits.
    private func open() {
        let (requests, nextReset) = self.state.withLock { state -> ([CheckedContinuation<Void, Never>], CheckedContinuation<Void, Never>?) in
            let requests = state.waitingRequests
            state.waitingRequests = []
            state.held += requests.count
            guard !state.waitingResets.isEmpty else {
                state.closed = false
                return (requests, nil)
            }
            return (requests, state.waitingResets.removeFirst())
        }
        for request in requests { request.resume() }
        nextReset?.resume()
    }
}
