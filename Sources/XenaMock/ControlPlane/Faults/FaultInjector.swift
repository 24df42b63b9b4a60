import Synchronization

/// The endpoint faults in force, each with its own remaining count and seeded random numbers.
public final class FaultInjector: Sendable {
    /// A fault as the control API lists it.
    public struct ActiveFault: Sendable, Equatable, Encodable {
        /// The fault's id, for `DELETE /_mock/faults/{id}`.
        public var id: Int
        /// What it does.
        public var fault: EndpointFault
        /// How many more requests it applies to; nil: every request.
        public var remaining: Int?
        /// How many requests it has hit so far.
        public var applied: Int

        enum CodingKeys: String, CodingKey {
            case id, remaining, applied
        }

        /// Encodes it in its JSON form.
        public func encode(to encoder: any Encoder) throws {
            try self.fault.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.id, forKey: .id)
            try container.encodeIfPresent(self.remaining, forKey: .remaining)
            try container.encode(self.applied, forKey: .applied)
        }
    }

    private struct Entry {
        var active: ActiveFault
        var random: SplitMix64
    }

    private struct State {
        var entries: [Entry] = []
        var nextID = 1
    }

    private let initial: [EndpointFault]
    private let state = Mutex(State())
    /// Milliseconds added to every answer (`--latency`).
    public let latencyMilliseconds: Int

    /// An injector with `faults` active from the start.
    public init(faults: [EndpointFault] = [], latencyMilliseconds: Int = 0) {
        self.initial = faults
        self.latencyMilliseconds = latencyMilliseconds
        for fault in faults { self.add(fault) }
    }

    /// Activates a fault; answers it with its id.
    @discardableResult
    public func add(_ fault: EndpointFault) -> ActiveFault {
        self.state.withLock { state in
            let active = ActiveFault(id: state.nextID, fault: fault, remaining: fault.times, applied: 0)
            state.nextID += 1
            // Unseeded faults still repeat run to run: the seed defaults to the fault's id.
            state.entries.append(Entry(active: active, random: SplitMix64(seed: fault.seed ?? UInt64(active.id))))
            return active
        }
    }

    /// The faults in effect.
    public var active: [ActiveFault] {
        self.state.withLock { $0.entries.map(\.active) }
    }

    /// Removes one fault; false when there is none with this id.
    @discardableResult
    public func remove(id: Int) -> Bool {
        self.state.withLock { state in
            let before = state.entries.count
            state.entries.removeAll { $0.active.id == id }
            return state.entries.count != before
        }
    }

    /// Removes every fault.
    public func removeAll() {
        self.state.withLock { $0.entries.removeAll() }
    }

    /// Back to the faults the server was started with.
    public func reset() {
        self.state.withLock { $0 = State() }
        for fault in self.initial { self.add(fault) }
    }

    /// The fault that hits this request, if any; its count goes down and spent faults are dropped.
    func fault(for kind: EndpointKind, path: String) -> EndpointFault? {
        guard !kind.isInfrastructure else { return nil }
        return self.state.withLock { state in
            for index in state.entries.indices where state.entries[index].active.fault.matches(kind, path: path) {
                if let probability = state.entries[index].active.fault.probability {
                    guard state.entries[index].random.nextUnitInterval() < probability else { continue }
                }
                state.entries[index].active.applied += 1
                let fault = state.entries[index].active.fault
                if let remaining = state.entries[index].active.remaining {
                    if remaining <= 1 {
                        state.entries.remove(at: index)
                    } else {
                        state.entries[index].active.remaining = remaining - 1
                    }
                }
                return fault
            }
            return nil
        }
    }
}
