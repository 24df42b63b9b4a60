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
            // JSON values (the API's rows) go through the server's own parser, several times faster than Foundation's.
            if Value.self == JSONValue.self {
                if let value = try? JSONValue.parse(data) as? Value { values[key] = value }
            } else if let value = try? decoder.decode(Value.self, from: data) {
                values[key] = value
            }
        }
        return values
    }

    /// Saves `value` under `key`; committed when this returns.
    func save(_ key: String, _ value: Value) {
        if let json = value as? JSONValue {
            self.database.save(self.kind, key: key, value: Data(json.serialized()))
            return
        }
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
