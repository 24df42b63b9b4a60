import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Synchronization
import Testing

@testable import XenaMock

/// A reset runs alone: after the requests being handled, before the next ones, one reset at a time.
@Suite(.timeLimit(.minutes(1))) struct ResetGateTests {
    /// Something a task waits for until the test says go.
    final class Signal: Sendable {
        private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        func wait() async {
            await withCheckedContinuation { continuation in
                let open = self.state.withLock { state in
                    if !state.open { state.waiters.append(continuation) }
                    return state.open
                }
                if open { continuation.resume() }
            }
        }

        func open() {
            let waiters = self.state.withLock { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// A count tasks share.
    final class Tally: Sendable {
        private let count = Mutex(0)
        func add() { self.count.withLock { $0 += 1 } }
        var value: Int { self.count.withLock { $0 } }
    }

    /// Waits (yielding, without sleeping) until `condition` holds.
    static func until(_ condition: () -> Bool) async {
        while !condition() { await Task.yield() }
    }

    @Test func aResetWaitsForTheRequestBeingHandled() async {
        let gate = ResetGate()
        let ran = Tally()
        let requestMayFinish = Signal()
        let requestStarted = Signal()
        async let request: Void = gate.withPass {
            requestStarted.open()
            await requestMayFinish.wait()
            #expect(ran.value == 0, "the reset ran while a request was being handled")
        }
        await requestStarted.wait()
        async let reset: Void = gate.exclusively { ran.add() }
        await Self.until { gate.isClosed }
        #expect(ran.value == 0)
        requestMayFinish.open()
        _ = await (request, reset)
        #expect(ran.value == 1)
        #expect(!gate.isClosed)
    }

    @Test func aRequestArrivingDuringAResetWaitsForIt() async {
        let gate = ResetGate()
        let resetDone = Tally()
        let holdReset = Signal()
        let holder = Signal()
        // A request holds the gate open long enough for the reset to close it and a second request to queue.
        async let first: Void = gate.withPass {
            holder.open()
            await holdReset.wait()
        }
        await holder.wait()
        async let reset: Void = gate.exclusively { resetDone.add() }
        await Self.until { gate.isClosed }
        async let second: Bool = gate.withPass { resetDone.value == 1 }
        holdReset.open()
        let (_, _, sawReset) = await (first, reset, second)
        #expect(sawReset, "a request admitted while the gate was closed ran before the reset")
    }

    @Test func concurrentResetsFromRequestsAllFinish() async {
        let gate = ResetGate()
        let resets = Tally()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { await gate.withPass { await gate.exclusively { resets.add() } } }
                group.addTask { await gate.withPass { await Task.yield() } }
            }
        }
        #expect(resets.value == 8)
        #expect(!gate.isClosed)
    }

    @Test func concurrentResetsOverHTTPAllAnswerWhileTokensAreIssued() async throws {
        try await XenaMockServer.withServer(try TestServer.configuration()) { server in
            let base = server.baseURL.absoluteString
            let basic = [("Authorization", FormBody.basic("demo-service.xena.biz", "demo-service-secret"))]
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        if index.isMultiple(of: 3) {
                            return try await ControlOverHTTPTests.call(.POST, "\(base)/_mock/reset").status
                        }
                        return try await ControlOverHTTPTests.call(.POST, "\(base)/connect/token", form: "grant_type=client_credentials", headers: basic)
                            .status
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.count == 24)
            #expect(statuses.allSatisfy { $0 == 200 })
        }
    }
}
