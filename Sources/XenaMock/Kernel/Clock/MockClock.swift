import Foundation
import Synchronization

/// The one clock that the identity server, the API and userinfo all read.
///
/// It runs with the system clock, shifted by an offset that tests move forward, back or pin to a time.
/// Every issued token, every expiry check and every stored grant asks this clock, so moving it
/// moves the whole mock consistently.
///
/// The clock never leaves ``InputBounds/clockEpochSeconds`` (years 1970 to 9999): a move past either end stops
/// there. The control API refuses such a move instead (``moveProblem(by:)``, ``setProblem(to:)``).
public final class MockClock: Sendable {
    private struct State {
        var offset: TimeInterval
    }

    private let initialOffset: TimeInterval
    private let state: Mutex<State>
    /// Where the offset is kept across restarts (`--data-dir`); nil in memory.
    private let saved: PersistentRecords<Double>?

    /// Creates a clock shifted from the system clock by `offset` seconds (kept within the clock's range).
    public convenience init(offset: TimeInterval = 0) {
        self.init(offset: offset, database: nil)
    }

    /// A clock whose offset survives restarts in `database`: a saved offset wins over `offset`, which a reset
    /// returns to.
    init(offset: TimeInterval, database: StateDatabase?) {
        let systemNow = Date().timeIntervalSince1970
        let offset = Self.clampedOffset(offset, systemNow: systemNow)
        self.initialOffset = offset
        self.saved = database.map { PersistentRecords($0, kind: "clock") }
        let current = self.saved?.all()[Self.savedKey].map { Self.clampedOffset($0, systemNow: systemNow) } ?? offset
        self.state = Mutex(State(offset: current))
    }

    private static let savedKey = "offset"

    /// The mock's current time.
    public var now: Date {
        Date(timeIntervalSince1970: self.epochSeconds)
    }

    /// The mock's current time as whole seconds since 1970, as JWT claims carry it.
    public var nowSeconds: Int64 {
        // In range by construction, so the conversion cannot trap.
        Int64(self.epochSeconds.rounded(.down))
    }

    /// Seconds between the mock's time and the system clock.
    public var offset: TimeInterval {
        self.state.withLock { $0.offset }
    }

    /// Moves the clock forward (or back, with a negative value) by `seconds`; it stops at the ends of its range.
    public func advance(by seconds: TimeInterval) {
        guard seconds.isFinite else { return }
        let systemNow = Date().timeIntervalSince1970
        self.change { Self.clampedOffset($0 + seconds, systemNow: systemNow) }
    }

    /// Sets the clock so that `now` reads `date` (or the nearest end of the clock's range); it keeps running from there.
    public func set(to date: Date) {
        let systemNow = Date().timeIntervalSince1970
        let target = date.timeIntervalSince1970
        guard target.isFinite else { return }
        self.change { _ in Self.clampedOffset(target - systemNow, systemNow: systemNow) }
    }

    /// Returns the clock to the offset it was created with.
    public func reset() {
        self.change { _ in self.initialOffset }
    }

    /// Sets the offset and saves it, as one step.
    private func change(_ newOffset: (TimeInterval) -> TimeInterval) {
        self.state.withLock { state in
            state.offset = newOffset(state.offset)
            self.saved?.save(Self.savedKey, state.offset)
        }
    }

    /// Why moving by `seconds` is refused (it would leave the clock's range), or nil when the move is fine.
    public func moveProblem(by seconds: Double) -> String? {
        let now = self.epochSeconds
        let range = (InputBounds.clockEpochSeconds.lowerBound - now)...(InputBounds.clockEpochSeconds.upperBound - now)
        guard seconds.isFinite, range.contains(seconds) else {
            return "seconds: must keep the clock \(InputBounds.clockRangeText), i.e. between \(Int64(range.lowerBound)) and "
                + "\(Int64(range.upperBound)) from now, got \(seconds)"
        }
        return nil
    }

    /// Why setting the clock to `epochSeconds` is refused, or nil when it is within the clock's range.
    public static func setProblem(to epochSeconds: Double) -> String? {
        guard epochSeconds.isFinite, InputBounds.clockEpochSeconds.contains(epochSeconds) else {
            return "time: must be \(InputBounds.clockRangeText), got \(epochSeconds) seconds since 1970"
        }
        return nil
    }

    private var epochSeconds: Double {
        let systemNow = Date().timeIntervalSince1970
        let offset = self.offset
        return min(max(systemNow + offset, InputBounds.clockEpochSeconds.lowerBound), InputBounds.clockEpochSeconds.upperBound)
    }

    private static func clampedOffset(_ offset: Double, systemNow: Double) -> Double {
        guard offset.isFinite else { return 0 }
        let lower = InputBounds.clockEpochSeconds.lowerBound - systemNow
        let upper = InputBounds.clockEpochSeconds.upperBound - systemNow
        return min(max(offset, lower), upper)
    }
}
