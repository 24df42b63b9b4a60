import Synchronization
import Testing

@testable import XenaMock

/// A reset runs between requests: after those under way, before those that arrive while it waits.
@Suite struct ResetGateTests {
    /// A signal a test opens once.
    final class Signal: Sendable {
        private let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = self.state.withLock { state in
                    if !state.open { state.waiting.append(continuation) }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }

        func open() {
            let waiting = self.state.withLock { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in waiting { continuation.resume() }
        }
    }

    /// What happened, in order.
    final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func add(_ entry: String) { self.entries.withLock { $0.append(entry) } }
        var all: [String] { self.entries.withLock { $0 } }
    }

    @Test func aResetWaitsForTheRequestUnderWayAndHoldsNewOnesBack() async {
        let gate = ResetGate()
        let events = Log()
        let requestStarted = Signal()
        let releaseRequest = Signal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await gate.request {
                    requestStarted.open()
                    await releaseRequest.wait()
                    events.add("first request answered")
                }
            }
            await requestStarted.wait()
            group.addTask { await gate.reset { events.add("reset") } }
            // Let the reset reach the gate before the next request arrives.
            while !gate.isResetting { await Task.yield() }
            group.addTask { await gate.request { events.add("second request answered") } }
            try? await Task.sleep(for: .milliseconds(50))
            #expect(events.all.isEmpty, "nothing ran while the first request was under way")
            releaseRequest.open()
        }
        #expect(events.all == ["first request answered", "reset", "second request answered"])
    }

    @Test func aRequestThatNeverEndsDelaysTheResetOnlyUntilTheLimit() async {
        let gate = ResetGate(maximumWait: .milliseconds(50))
        let started = Signal()
        let never = Signal()
        let reset = Log()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await gate.request {
                    started.open()
                    await never.wait()
                }
            }
            await started.wait()
            await gate.reset { reset.add("reset") }
            #expect(reset.all == ["reset"])
            never.open()
        }
    }
}
