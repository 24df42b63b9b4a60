import DequeModule
import Hummingbird
import Synchronization

/// A user's login at the mock, kept in a cookie so a second authorization request skips the login page.
public struct BrowserSession: Sendable, Equatable, Codable {
    /// The `sid` claim of every token issued in this session.
    public var sessionID: String
    /// The signed-in user's `sub`.
    public var subject: String
    /// When the user logged in, by the mock's clock (`auth_time`).
    public var authTime: Int64

    var login: LoginSession {
        LoginSession(sessionID: self.sessionID, authTime: self.authTime)
    }
}

/// Browser sessions by their cookie, and authorization requests waiting for the login or consent page.
final class BrowserSessionStore: Sendable {
    /// The session cookie's name.
    static let cookieName = "xena-mock.session"
    /// How long a pending authorization request waits for the user.
    static let pendingLifetime: Int64 = 600
    /// Bounds on what browsers can make the server hold.
    private let maximumSessions = 2_000
    private let maximumPending = 10_000

    /// An authorization request parked while the user logs in or consents.
    struct PendingAuthorization: Sendable {
        var request: AuthorizeRequest
        var expiresAt: Int64
        /// The session the request continues in, once the user has logged in for it.
        var cookie: String?
        /// The user whose password was right and whose one-time code the login waits for (2-step verification).
        var awaitingCodeFrom: String?
    }

    private struct State {
        var sessions: BoundedDictionary<String, BrowserSession>
        var pending: [String: PendingAuthorization] = [:]
    }

    private let state: Mutex<State>
    private let clock: MockClock

    /// Where sessions are kept across restarts (`--data-dir`), by cookie; nil in memory. Parked requests are not
    /// kept: they belong to a login in progress.
    private let saved: PersistentRecords<BrowserSession>?

    init(clock: MockClock, database: StateDatabase? = nil) {
        self.clock = clock
        self.saved = database.map { PersistentRecords($0, kind: "browser-sessions") }
        var sessions = BoundedDictionary<String, BrowserSession>(capacity: self.maximumSessions)
        for (cookie, session) in (self.saved?.all() ?? [:]).sorted(by: { $0.value.authTime < $1.value.authTime }) {
            sessions[cookie] = session
        }
        self.state = Mutex(State(sessions: sessions))
    }

    // MARK: Sessions

    /// Starts a session for `subject`, authenticated now; returns the cookie value and the session.
    func startSession(subject: String) -> (cookie: String, session: BrowserSession) {
        let cookie = TokenIdentifier.makeSecret()
        let session = BrowserSession(sessionID: TokenIdentifier.make(), subject: subject, authTime: self.clock.nowSeconds)
        self.state.withLock { state in
            state.sessions[cookie] = session
            self.saved?.save(cookie, session)
        }
        return (cookie, session)
    }

    /// How many sessions are held (the dashboard's change feed reads it four times a second, so no copy).
    var count: Int { self.state.withLock { $0.sessions.count } }

    /// Every live session, oldest login first (their cookies are secrets and stay here).
    var all: [BrowserSession] {
        self.state.withLock { $0.sessions.values.sorted { ($0.authTime, $0.sessionID) < ($1.authTime, $1.sessionID) } }
    }

    func session(cookie: String?) -> BrowserSession? {
        guard let cookie else { return nil }
        return self.state.withLock { $0.sessions[cookie] }
    }

    /// The session cookie of a request, if it names a live session.
    func session(for request: Request) -> (cookie: String, session: BrowserSession)? {
        guard let cookie = request.cookies[Self.cookieName]?.value, let session = self.session(cookie: cookie) else { return nil }
        return (cookie, session)
    }

    func endSession(cookie: String) {
        self.state.withLock { state in
            state.sessions[cookie] = nil
            self.saved?.remove(cookie)
        }
    }

    // MARK: Pending authorizations

    /// Parks a request and returns the id the login and consent pages carry.
    func park(_ request: AuthorizeRequest, cookie: String? = nil) -> String {
        let id = TokenIdentifier.makeSecret()
        let now = self.clock.nowSeconds
        self.state.withLock { state in
            if state.pending.count >= self.maximumPending {
                state.pending = state.pending.filter { $0.value.expiresAt > now }
            }
            if state.pending.count >= self.maximumPending, let oldest = state.pending.min(by: { $0.value.expiresAt < $1.value.expiresAt }) {
                state.pending[oldest.key] = nil
            }
            state.pending[id] = PendingAuthorization(request: request, expiresAt: now + Self.pendingLifetime, cookie: cookie)
        }
        return id
    }

    func pending(_ id: String) -> PendingAuthorization? {
        let now = self.clock.nowSeconds
        return self.state.withLock { state in state.pending[id].flatMap { $0.expiresAt > now ? $0 : nil } }
    }

    /// Marks a parked request as waiting for the one-time code of the user with this `sub`.
    func awaitCode(_ id: String, subject: String) {
        self.state.withLock { $0.pending[id]?.awaitingCodeFrom = subject }
    }

    func finishPending(_ id: String) {
        self.state.withLock { _ = $0.pending.removeValue(forKey: id) }
    }

    func removeAll() {
        let empty = State(sessions: BoundedDictionary(capacity: self.maximumSessions))
        self.state.withLock { state in
            state = empty
            self.saved?.removeAll()
        }
    }

    /// The cookie that keeps a session, or the one that ends it.
    static func cookie(_ value: String, secure: Bool) -> Cookie {
        Cookie(name: self.cookieName, value: value, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func expiredCookie(secure: Bool) -> Cookie {
        Cookie(name: self.cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
