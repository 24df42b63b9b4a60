import Foundation
import Synchronization

/// A consent the mock has granted: a user allowed a client some scopes. The API lists these as the user's
/// `ClientAuthorization`s; remembered ones let later requests skip the consent page.
public struct ConsentRecord: Sendable, Equatable, Codable {
    /// The record's id (`ClientAuthorization` `Id`).
    public var id: Int64
    /// The user's `sub`.
    public var subject: String
    /// The client the user consented to.
    public var clientID: String
    /// The client's display name.
    public var clientName: String
    /// The scopes consented to.
    public var scopes: [String]
    /// When, on the mock's clock.
    public var createdAt: Date
    /// Whether the user ticked "remember", so the consent page is skipped next time.
    public var remembered: Bool
}

/// Every consent granted since start (or the last reset), newest last.
public final class ConsentRecordStore: Sendable {
    private struct State {
        var records: [ConsentRecord] = []
        var nextID: Int64 = 7001
    }

    private let state: Mutex<State>
    /// Where consents are kept across restarts (`--data-dir`), by id; nil in memory.
    private let saved: PersistentRecords<ConsentRecord>?

    /// An empty store in memory. Consents are per user and client, so the store is bounded by users × clients.
    public convenience init() {
        self.init(database: nil)
    }

    /// A store whose consents survive restarts in `database`.
    init(database: StateDatabase?) {
        self.saved = database.map { PersistentRecords($0, kind: "consents") }
        var state = State()
        state.records = (self.saved?.all().values.map { $0 } ?? []).sorted { $0.id < $1.id }
        state.nextID = max(state.nextID, (state.records.last?.id ?? 0) + 1)
        self.state = Mutex(state)
    }

    /// Records that `subject` granted `scopes` to `client`; a later grant for the same pair replaces the earlier one.
    func record(subject: String, client: ClientFixture, scopes: [String], remember: Bool, at date: Date) {
        self.state.withLock { state in
            if let index = state.records.firstIndex(where: { $0.subject == subject && $0.clientID == client.clientID }) {
                var record = state.records[index]
                record.scopes = scopes
                record.remembered = record.remembered || remember
                record.createdAt = date
                state.records[index] = record
                self.saved?.save(String(record.id), record)
            } else {
                let record = ConsentRecord(
                    id: state.nextID, subject: subject, clientID: client.clientID, clientName: client.clientName, scopes: scopes,
                    createdAt: date, remembered: remember)
                state.records.append(record)
                state.nextID += 1
                self.saved?.save(String(record.id), record)
            }
        }
    }

    /// Whether `subject` has a remembered consent to `client` covering all of `scopes`.
    func covers(subject: String, clientID: String, scopes: [String]) -> Bool {
        self.state.withLock { state in
            state.records.contains { $0.subject == subject && $0.clientID == clientID && $0.remembered && Set(scopes).isSubset(of: $0.scopes) }
        }
    }

    /// The consents of one user.
    public func records(subject: String) -> [ConsentRecord] {
        self.state.withLock { $0.records.filter { $0.subject == subject } }
    }

    /// Forgets every remembered consent.
    public func removeAll() {
        self.state.withLock { state in
            state = State()
            self.saved?.removeAll()
        }
    }
}
