import Synchronization

/// The users, clients and API resources the server knows right now.
///
/// Starts from the fixtures; the control plane can add, replace and remove entries while the server runs.
/// Reads take a consistent snapshot under a lock, so a request never sees half of an update.
public final class IdentityDirectory: Sendable {
    /// What the directory holds at one moment.
    public struct Snapshot: Sendable {
        /// Users by username.
        public var users: [String: UserFixture]
        /// Users by `sub`.
        public var usersBySubject: [String: UserFixture]
        /// Usernames by the other names they log in with, lower-cased: email addresses and aliases.
        var usernamesByLogin: [String: String]
        /// Clients by `client_id`.
        public var clients: [String: ClientFixture]
        /// The protected APIs (`testapi`).
        public var apiResources: [APIResourceFixture]

        init(_ fixtures: IdentityFixtures) {
            self.users = Dictionary(fixtures.users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
            self.usersBySubject = Dictionary(fixtures.users.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
            self.usernamesByLogin = Dictionary(
                fixtures.users.flatMap { user in ([user.email] + (user.aliases ?? [])).map { ($0.lowercased(), user.username) } },
                uniquingKeysWith: { first, _ in first })
            self.clients = Dictionary(fixtures.clients.map { ($0.clientID, $0) }, uniquingKeysWith: { first, _ in first })
            self.apiResources = fixtures.apiResources
        }
    }

    private let initial: IdentityFixtures
    private let state: Mutex<Snapshot>
    /// Where the users and clients are kept across restarts (`--data-dir`); nil in memory.
    private let saved: PersistentRecords<SavedEntries>?

    /// The users and clients as the control API left them.
    struct SavedEntries: Codable {
        var users: [UserFixture]
        var clients: [ClientFixture]
    }

    /// A directory of the fixtures' users, clients and APIs.
    public convenience init(fixtures: IdentityFixtures) {
        self.init(fixtures: fixtures, database: nil)
    }

    /// A directory whose users and clients survive restarts in `database`; the saved ones replace the fixtures'
    /// until a reset.
    init(fixtures: IdentityFixtures, database: StateDatabase?) {
        self.initial = fixtures
        self.saved = database.map { PersistentRecords($0, kind: "directory") }
        var current = fixtures
        if let entries = self.saved?.all()[Self.savedKey] {
            current.users = entries.users
            current.clients = entries.clients
        }
        self.state = Mutex(Snapshot(current))
    }

    private static let savedKey = "entries"

    /// A consistent copy of everything the directory holds.
    public var snapshot: Snapshot { self.state.withLock { $0 } }

    /// The client with this `client_id`.
    public func client(id: String) -> ClientFixture? { self.state.withLock { $0.clients[id] } }
    /// The user with this username.
    public func user(named username: String) -> UserFixture? { self.state.withLock { $0.users[username] } }
    /// The user who logs in as `login`, as Xena's login page finds them: the username, the email address or a username
    /// alias (those two in any case).
    public func user(login: String) -> UserFixture? {
        self.state.withLock { snapshot in
            snapshot.users[login] ?? snapshot.usernamesByLogin[login.lowercased()].flatMap { snapshot.users[$0] }
        }
    }

    /// The user with this `sub`.
    public func user(subject: String) -> UserFixture? { self.state.withLock { $0.usersBySubject[subject] } }
    /// The protected APIs.
    public var apiResources: [APIResourceFixture] { self.state.withLock { $0.apiResources } }

    /// The API resource whose scopes include `scope`, if any.
    public func apiResource(forScope scope: String) -> APIResourceFixture? {
        self.state.withLock { $0.apiResources.first { $0.scopes.contains(scope) } }
    }

    /// Whether `scope` is one of the API scopes, as opposed to an identity scope.
    public func isAPIScope(_ scope: String) -> Bool {
        self.apiResource(forScope: scope) != nil
    }

    /// The directory's content as fixtures (users and clients sorted by name).
    public var fixtures: IdentityFixtures {
        self.state.withLock { snapshot in
            IdentityFixtures(
                users: snapshot.users.values.sorted { $0.username < $1.username },
                clients: snapshot.clients.values.sorted { $0.clientID < $1.clientID },
                apiResources: snapshot.apiResources, signingKeyPEM: nil)
        }
    }

    /// What went wrong with a change: the message names the field.
    public struct ChangeError: Error, Equatable, CustomStringConvertible {
        /// The one-line message.
        public let message: String
        /// The text logs and the CLI show.
        public var description: String { self.message }
    }

    /// Adds an entry, or replaces the one with the key `replacing` (default: the entry's own key).
    /// The result must pass the fixture checks.
    public func put<Entry: DirectoryEntry>(_ entry: Entry, replacing key: String? = nil) throws(ChangeError) {
        try self.change { fixtures in
            fixtures[keyPath: Entry.fixtures].removeAll { $0.directoryKey == (key ?? entry.directoryKey) }
            fixtures[keyPath: Entry.fixtures].append(entry)
        }
    }

    /// Removes the entry with `key`; false when there is none.
    public func remove<Entry: DirectoryEntry>(_ type: Entry.Type, key: String) throws(ChangeError) -> Bool {
        var removed = false
        try self.change { fixtures in
            let before = fixtures[keyPath: Entry.fixtures].count
            fixtures[keyPath: Entry.fixtures].removeAll { $0.directoryKey == key }
            removed = fixtures[keyPath: Entry.fixtures].count != before
        }
        return removed
    }

    /// The entry with `key`, if any.
    public func entry<Entry: DirectoryEntry>(_ type: Entry.Type, key: String) -> Entry? {
        self.state.withLock { Entry.entry(key, in: $0) }
    }

    /// Applies `edit` to a copy and keeps it only when the result passes the fixture checks.
    private func change(_ edit: (inout IdentityFixtures) -> Void) throws(ChangeError) {
        try self.state.withLock { snapshot throws(ChangeError) in
            var fixtures = IdentityFixtures(
                users: snapshot.users.values.sorted { $0.username < $1.username },
                clients: snapshot.clients.values.sorted { $0.clientID < $1.clientID }, apiResources: snapshot.apiResources)
            edit(&fixtures)
            if let problem = fixtures.validationProblem() {
                let path = problem.path.dropFirst().map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                let subject = problem.file == .users ? "user" : "client"
                throw ChangeError(message: path.isEmpty ? "\(subject): \(problem.message)" : "\(subject) \(path): \(problem.message)")
            }
            snapshot = Snapshot(fixtures)
            self.saved?.save(Self.savedKey, SavedEntries(users: fixtures.users, clients: fixtures.clients))
        }
    }

    /// Puts the directory back to the fixtures it started from.
    public func reset() {
        self.state.withLock { snapshot in
            snapshot = Snapshot(self.initial)
            self.saved?.removeAll()
        }
    }
}

/// Users and clients, which the control API adds, replaces and removes alike.
public protocol DirectoryEntry: Codable, Sendable {
    /// Where such entries live in the fixtures.
    static var fixtures: WritableKeyPath<IdentityFixtures, [Self]> { get }
    /// "user" or "client", for messages.
    static var kindName: String { get }
    /// The JSON key of ``directoryKey``, for messages.
    static var keyName: String { get }
    /// The unique key: a username or a client id.
    var directoryKey: String { get }
    /// The entry with `key` in a snapshot, looked up by key.
    static func entry(_ key: String, in snapshot: IdentityDirectory.Snapshot) -> Self?
}

extension UserFixture: DirectoryEntry {
    /// Where entries of this kind live in the fixtures.
    public static var fixtures: WritableKeyPath<IdentityFixtures, [UserFixture]> { \.users }
    /// What an entry is called in messages.
    public static var kindName: String { "user" }
    /// The name of its key field.
    public static var keyName: String { "username" }
    /// The entry's key.
    public var directoryKey: String { self.username }
    /// The entry with this key.
    public static func entry(_ key: String, in snapshot: IdentityDirectory.Snapshot) -> UserFixture? { snapshot.users[key] }
}

extension ClientFixture: DirectoryEntry {
    /// Where entries of this kind live in the fixtures.
    public static var fixtures: WritableKeyPath<IdentityFixtures, [ClientFixture]> { \.clients }
    /// What an entry is called in messages.
    public static var kindName: String { "client" }
    /// The name of its key field.
    public static var keyName: String { "client_id" }
    /// The entry's key.
    public var directoryKey: String { self.clientID }
    /// The entry with this key.
    public static func entry(_ key: String, in snapshot: IdentityDirectory.Snapshot) -> ClientFixture? { snapshot.clients[key] }
}
