import Synchronization

/// The users, clients and API resources the server knows right now.
///
/// Starts from the fixtures; the control plane can add, replace and remove entries while the server runs.
/// Reads take a consistent snapshot under a lock, so a request never sees half of an update.
public final class IdentityDirectory: Sendable {
    /// What the directory holds at one moment.
    public struct Snapshot: Sendable {
        public var users: [String: UserFixture]
        public var usersBySubject: [String: UserFixture]
        public var clients: [String: ClientFixture]
        public var apiResources: [APIResourceFixture]

        init(_ fixtures: IdentityFixtures) {
            self.users = Dictionary(fixtures.users.map { ($0.username, $0) }, uniquingKeysWith: { first, _ in first })
            self.usersBySubject = Dictionary(fixtures.users.map { ($0.subject, $0) }, uniquingKeysWith: { first, _ in first })
            self.clients = Dictionary(fixtures.clients.map { ($0.clientID, $0) }, uniquingKeysWith: { first, _ in first })
            self.apiResources = fixtures.apiResources
        }
    }

    private let initial: IdentityFixtures
    private let state: Mutex<Snapshot>

    public init(fixtures: IdentityFixtures) {
        self.initial = fixtures
        self.state = Mutex(Snapshot(fixtures))
    }

    /// A consistent copy of everything the directory holds.
    public var snapshot: Snapshot { self.state.withLock { $0 } }

    public func client(id: String) -> ClientFixture? { self.state.withLock { $0.clients[id] } }
    public func user(named username: String) -> UserFixture? { self.state.withLock { $0.users[username] } }
    public func user(subject: String) -> UserFixture? { self.state.withLock { $0.usersBySubject[subject] } }
    public var apiResources: [APIResourceFixture] { self.state.withLock { $0.apiResources } }

    /// The API resource whose scopes include `scope`, if any.
    public func apiResource(forScope scope: String) -> APIResourceFixture? {
        self.state.withLock { $0.apiResources.first { $0.scopes.contains(scope) } }
    }

    /// Whether `scope` is one of the API scopes, as opposed to an identity scope.
    public func isAPIScope(_ scope: String) -> Bool {
        self.apiResource(forScope: scope) != nil
    }

    /// Puts the directory back to the fixtures it started from.
    public func reset() {
        self.state.withLock { $0 = Snapshot(self.initial) }
    }
}
