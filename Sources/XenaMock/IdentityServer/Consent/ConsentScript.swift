import DequeModule
import Foundation
import Synchronization

/// The queue of scripted outcomes: each authorization request that reaches the consent decision takes the
/// next one; with the queue empty the consent mode decides.
public final class ConsentScript: Sendable {
    private let queue: Mutex<Deque<ConsentOutcome>>

    /// A queue holding `outcomes`, first first.
    public init(_ outcomes: [ConsentOutcome] = []) {
        self.queue = Mutex(Deque(outcomes))
    }

    /// Adds outcomes after those already queued.
    public func enqueue(_ outcomes: [ConsentOutcome]) {
        self.queue.withLock { $0.append(contentsOf: outcomes) }
    }

    /// Takes the next outcome, if any.
    func next() -> ConsentOutcome? {
        self.queue.withLock { $0.popFirst() }
    }

    /// The outcomes still queued, in order.
    public var pending: [ConsentOutcome] {
        self.queue.withLock { Array($0) }
    }

    /// Empties the queue.
    public func removeAll() {
        self.queue.withLock { $0.removeAll() }
    }

    /// Reads a consent script file (`--consent-script`): a JSON array of outcomes; a problem names the file and the
    /// JSON path.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> [ConsentOutcome] {
        try FixtureFile(url: URL(fileURLWithPath: path), displayName: path).decode([ConsentOutcome].self)
    }
}
