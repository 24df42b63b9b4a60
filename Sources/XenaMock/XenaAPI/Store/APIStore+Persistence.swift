import Foundation

/// The API's changes kept across restarts (`--data-dir`): every row written (created, updated or deleted), the
/// companies' FiscalSetup, stored single objects and the webhooks' failures. The fixtures and the generator make the
/// rest again at the next start, the same way, and the saved changes are laid over them.
extension APIStore {
    /// A row as saved: the entity, or nil once deleted; `sequence` keeps rows created since the start in order.
    struct SavedRow: Sendable {
        var entity: Entity?
        var sequence: Int64

        /// `{"entity": {...} or null, "sequence": N}`, written with the server's own JSON writer (rows are most writes).
        var json: JSONValue { .object(["entity": self.entity.map { .object($0) } ?? .null, "sequence": .integer(self.sequence)]) }

        init(entity: Entity?, sequence: Int64) {
            self.entity = entity
            self.sequence = sequence
        }

        init?(_ json: JSONValue) {
            guard let sequence = json[path: "sequence"]?.integer else { return nil }
            self.init(entity: json[path: "entity"]?.object, sequence: sequence)
        }
    }

    /// A webhook's failed deliveries and how long it is disabled.
    struct SavedWebhook: Codable, Sendable {
        var failures: [WebhookFailure]
        var disabledUntil: Date?
    }

    /// The store's records in the state database.
    struct Saved: Sendable {
        let rows: PersistentRecords<JSONValue>
        let fiscalSetups: PersistentRecords<Entity>
        let singletons: PersistentRecords<JSONValue>
        let webhooks: PersistentRecords<SavedWebhook>

        init(_ database: StateDatabase) {
            self.rows = PersistentRecords(database, kind: "api-rows")
            self.fiscalSetups = PersistentRecords(database, kind: "api-fiscal-setups")
            self.singletons = PersistentRecords(database, kind: "api-singletons")
            self.webhooks = PersistentRecords(database, kind: "api-webhooks")
        }

        func removeAll() {
            self.rows.removeAll()
            self.fiscalSetups.removeAll()
            self.singletons.removeAll()
            self.webhooks.removeAll()
        }
    }

    /// `scope/table/id`; the table sits between the first and the last `/`.
    static func rowKey(_ key: TableKey, id: Int64) -> String { "\(key.fiscalID)/\(key.resource)/\(id)" }

    private static func parseRowKey(_ text: String) -> (TableKey, Int64)? {
        guard let first = text.firstIndex(of: "/"), let last = text.lastIndex(of: "/"), first < last,
            let scope = Int64(text[..<first]), let id = Int64(text[text.index(after: last)...])
        else { return nil }
        return (TableKey(fiscalID: scope, resource: String(text[text.index(after: first)..<last])), id)
    }

    /// Lays the saved changes over a state fresh from the fixtures: FiscalSetups, single objects and webhooks now,
    /// rows into the tables that exist and, for tables generated on first use, when they are made.
    func restore(into state: inout State) {
        guard let saved = self.saved else { return }
        for (key, setup) in saved.fiscalSetups.all() {
            if let id = Int64(key), state.fiscalSetups[id] != nil { state.fiscalSetups[id] = setup }
        }
        for (key, value) in saved.singletons.all() {
            guard let separator = key.firstIndex(of: "|"), let scope = Int64(key[..<separator]) else { continue }
            state.singletons[SingletonKey(scope: scope, path: String(key[key.index(after: separator)...]))] = value
        }
        for (key, webhook) in saved.webhooks.all() {
            guard let id = Int64(key) else { continue }
            state.webhookFailures[id] = webhook.failures
            state.webhookDisabledUntil[id] = webhook.disabledUntil
            state.nextID = max(state.nextID, (webhook.failures.map(\.id).max() ?? 0) &+ 1)
        }
        for (text, json) in saved.rows.all() {
            guard let (key, id) = Self.parseRowKey(text), let row = SavedRow(json) else { continue }
            state.savedRows[key, default: [:]][id] = row
            state.changeSequence = max(state.changeSequence, row.sequence)
            if InputBounds.fixtureEntityID.contains(id) { state.nextID = max(state.nextID, id + 1) }
        }
        for key in Array(state.tables.keys) { Self.applySavedRows(&state, key: key) }
    }

    /// Applies the saved rows of a table that was just made (from the fixtures, the generator or a first create).
    static func applySavedRows(_ state: inout State, key: TableKey) {
        guard let rows = state.savedRows.removeValue(forKey: key) else { return }
        var table = state.tables[key] ?? Table()
        table.highestNumbers = [:]
        for (id, row) in rows.sorted(by: { $0.value.sequence < $1.value.sequence }) {
            table.encoded[id] = nil
            guard let entity = row.entity else {
                table.rows[id] = nil
                table.ids.removeAll { $0 == id }
                continue
            }
            if table.rows.updateValue(entity, forKey: id) == nil { table.ids.append(id) }
        }
        state.tables[key] = table
    }

    /// Saves row `id` of a table as it is now (a tombstone when it is gone); under the lock, so in order.
    func saveRow(_ state: inout State, key: TableKey, id: Int64) {
        guard let saved = self.saved else { return }
        state.changeSequence += 1
        saved.rows.save(Self.rowKey(key, id: id), SavedRow(entity: state.tables[key]?.rows[id], sequence: state.changeSequence).json)
    }

    /// Saves a company's FiscalSetup as it is now.
    func saveFiscalSetup(_ state: State, id: Int64) {
        guard let saved = self.saved, let setup = state.fiscalSetups[id] else { return }
        saved.fiscalSetups.save(String(id), setup)
    }

    /// Saves a stored single object as it is now.
    func saveSingleton(_ state: State, key: SingletonKey) {
        guard let saved = self.saved, let value = state.singletons[key] else { return }
        saved.singletons.save("\(key.scope)|\(key.path)", value)
    }

    /// Saves a webhook's failures and pause as they are now.
    func saveWebhook(_ state: State, id: Int64) {
        guard let saved = self.saved else { return }
        saved.webhooks.save(String(id), SavedWebhook(failures: state.webhookFailures[id] ?? [], disabledUntil: state.webhookDisabledUntil[id]))
    }
}
