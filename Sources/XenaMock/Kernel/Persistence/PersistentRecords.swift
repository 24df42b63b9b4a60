import Foundation

/// One store's records in the ``StateDatabase``: values of one type under one kind, by key, as JSON.
struct PersistentRecords<Value: Codable>: Sendable {
    let database: StateDatabase
    let kind: String

    init(_ database: StateDatabase, kind: String) {
        self.database = database
        self.kind = kind
    }

    /// Every saved record; one that no longer decodes is skipped.
    func all() -> [String: Value] {
        let decoder = JSONDecoder()
        var values: [String: Value] = [:]
        for (key, data) in self.database.records(self.kind) {
            if let value = try? decoder.decode(Value.self, from: data) { values[key] = value }
        }
        return values
    }

    /// Saves `value` under `key`; committed when this returns.
    func save(_ key: String, _ value: Value) {
        do {
            self.database.save(self.kind, key: key, value: try JSONEncoder().encode(value))
        } catch {
            self.database.report("save", kind: self.kind, error)
        }
    }

    /// Removes the record under `key`.
    func remove(_ key: String) {
        self.database.remove(self.kind, key: key)
    }

    /// Removes every record of this kind.
    func removeAll() {
        self.database.removeAll(self.kind)
    }
}
