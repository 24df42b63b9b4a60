import Foundation
import Synchronization

/// The one clock that the identity server, the API and userinfo all read.
///
/// It runs with the system clock, shifted by an offset that tests move forward, back or pin to a time.
/// Every issued token, every expiry check and every stored grant asks this clock, so moving it
/// moves the whole mock consistently.
public final class MockClock: Sendable {
    private struct State {
        var offset: TimeInterval
    }

    private let initialOffset: TimeInterval
    private let state: Mutex<State>

    /// Creates a clock shifted from the system clock by `offset` seconds.
    public init(offset: TimeInterval = 0) {
        self.initialOffset = offset
        self.state = Mutex(State(offset: offset))
    }

    /// The mock's current time.
    public var now: Date {
        Date(timeIntervalSinceNow: self.offset)
    }

    /// The mock's current time as whole seconds since 1970, as JWT claims carry it.
    public var nowSeconds: Int64 {
        Int64(self.now.timeIntervalSince1970.rounded(.down))
    }

    /// Seconds between the mock's time and the system clock.
    public var offset: TimeInterval {
        self.state.withLock { $0.offset }
    }

    /// Moves the clock forward (or back, with a negative value) by `seconds`.
    public func advance(by seconds: TimeInterval) {
        self.state.withLock { $0.offset += seconds }
    }

    /// Sets the clock so that `now` reads `date`; it keeps running from there.
    public func set(to date: Date) {
        self.state.withLock { $0.offset = date.timeIntervalSinceNow }
    }

    /// Returns the clock to the offset it was created with.
    public func reset() {
        self.state.withLock { $0.offset = self.initialOffset }
    }
}
