import DequeModule

/// A dictionary that keeps at most `capacity` entries, dropping the oldest inserted first, so stores fed by requests
/// (codes, refresh tokens, browser sessions) stay bounded under any load.
///
/// Removing an entry leaves its key in the insertion order until eviction or ``removeAll(where:)`` passes over it;
/// the order never grows past twice the capacity. Keys are expected not to come back once removed (they are random).
struct BoundedDictionary<Key: Hashable, Value> {
    private var entries: [Key: Value] = [:]
    /// Keys oldest first; removed keys linger until passed over.
    private var order: Deque<Key> = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { self.entries.count }

    /// Every value, in no particular order.
    var values: Dictionary<Key, Value>.Values { self.entries.values }

    /// Reading is a lookup; writing a new key inserts it (evicting the oldest past the capacity), writing an existing
    /// key replaces its value in place, and writing nil removes it.
    subscript(key: Key) -> Value? {
        get { self.entries[key] }
        set {
            guard let newValue else {
                self.entries[key] = nil
                return
            }
            if self.entries.updateValue(newValue, forKey: key) == nil {
                self.order.append(key)
                while self.entries.count > self.capacity || self.order.count > 2 * self.capacity, let oldest = self.order.popFirst() {
                    self.entries[oldest] = nil
                }
            }
        }
    }

    /// Removes every entry whose value matches, compacts the insertion order, and answers the removed keys.
    @discardableResult
    mutating func removeAll(where shouldRemove: (Value) -> Bool) -> [Key] {
        let removed = self.entries.filter { shouldRemove($0.value) }.map(\.key)
        for key in removed { self.entries[key] = nil }
        self.order = Deque(self.order.filter { self.entries[$0] != nil })
        return removed
    }
}

extension BoundedDictionary: Sendable where Key: Sendable, Value: Sendable {}
