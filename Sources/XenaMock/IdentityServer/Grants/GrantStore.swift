import DequeModule
import Synchronization

/// Authorization codes, refresh tokens and revocations, with the grant family each belongs to.
///
/// A grant family is everything issued from one authorization: its code, the access and refresh tokens the code
/// was exchanged for and every rotation of those refresh tokens. Access token ids start with their family's id,
/// so reusing a code revokes the whole family (RFC 6749 §4.1.2) without a list of every token issued.
///
/// The store stays bounded under any load: entries expire by the mock's clock and are purged as the store is
/// used; a used code shrinks to a tombstone; and past `capacity` codes or refresh tokens the oldest are dropped.
public final class GrantStore: AccessTokenRevocations, Sendable {
    /// What an authorization code stands for.
    struct CodeRecord: Sendable {
        var familyID: String
        var clientID: String
        var redirectURI: String
        var subject: String
        var scopes: [String]
        var nonce: String?
        var pkce: PKCEChallenge?
        var login: LoginSession
        var expiresAt: Int64
    }

    /// A code waiting for its exchange, or the tombstone of one already exchanged (kept to detect replays).
    enum CodeEntry: Sendable {
        case pending(CodeRecord)
        case redeemed(familyID: String, expiresAt: Int64)

        var expiresAt: Int64 {
            switch self {
            case .pending(let record): record.expiresAt
            case .redeemed(_, let expiresAt): expiresAt
            }
        }
    }

    /// What a refresh token stands for.
    public struct RefreshTokenRecord: Sendable, Equatable, Codable {
        /// The grant family every rotation of it belongs to.
        public var familyID: String
        /// The client it was issued to.
        public var clientID: String
        /// The user's `sub`.
        public var subject: String
        /// The scopes of the original grant; a refresh may ask for fewer, never more.
        public var scopes: [String]
        /// The login it came from.
        public var login: LoginSession
        /// When it was issued, seconds since 1970.
        public var issuedAt: Int64
        /// When it expires, seconds since 1970.
        public var expiresAt: Int64
    }

    enum CodeRedemption {
        case redeemed(CodeRecord)
        case unknown
        case expired
        /// Used before: the family has been revoked.
        case reused
    }

    enum RefreshRedemption {
        case redeemed(RefreshTokenRecord)
        case unknown
        case expired
        case otherClient
    }

    private struct State {
        var codes: BoundedDictionary<String, CodeEntry>
        var refreshTokens: BoundedDictionary<String, RefreshTokenRecord>
        /// Revoked access token ids until they expire anyway.
        var revokedAccessTokens: [String: Int64] = [:]
        /// Revoked grant families, until none of their tokens can still be valid.
        var revokedFamilies: [String: Int64] = [:]
        var operationsSincePurge = 0
    }

    private let state: Mutex<State>
    private let clock: MockClock
    /// How many codes and how many refresh tokens are kept at most.
    let capacity: Int
    /// How long a revoked family is remembered: longer than any token of it lives.
    let familyRevocationPeriod: Int64
    /// How many writes pass between purges of expired entries.
    private let purgeInterval = 1024

    /// Where refresh tokens and revocations are kept across restarts (`--data-dir`); nil in memory. Codes are not
    /// kept: they live minutes and a restart between the redirect and the exchange is not a case worth carrying.
    private let saved: Saved?

    private struct Saved: Sendable {
        let refreshTokens: PersistentRecords<RefreshTokenRecord>
        /// `jti` → when the token expires anyway.
        let revokedAccessTokens: PersistentRecords<Int64>
        /// Family id → until when it stays revoked.
        let revokedFamilies: PersistentRecords<Int64>

        init(_ database: StateDatabase) {
            self.refreshTokens = PersistentRecords(database, kind: "refresh-tokens")
            self.revokedAccessTokens = PersistentRecords(database, kind: "revoked-access-tokens")
            self.revokedFamilies = PersistentRecords(database, kind: "revoked-families")
        }

        func removeAll() {
            self.refreshTokens.removeAll()
            self.revokedAccessTokens.removeAll()
            self.revokedFamilies.removeAll()
        }
    }

    init(clock: MockClock, capacity: Int = 10_000, familyRevocationPeriod: Int64 = 31 * 24 * 3600, database: StateDatabase? = nil) {
        self.clock = clock
        self.capacity = capacity
        self.familyRevocationPeriod = familyRevocationPeriod
        self.saved = database.map(Saved.init)
        var state = Self.emptyState(capacity: capacity)
        if let saved = self.saved {
            let now = clock.nowSeconds
            for (token, record) in saved.refreshTokens.all().sorted(by: { $0.value.issuedAt < $1.value.issuedAt }) where record.expiresAt > now {
                state.refreshTokens[token] = record
            }
            state.revokedAccessTokens = saved.revokedAccessTokens.all().filter { $0.value > now }
            state.revokedFamilies = saved.revokedFamilies.all().filter { $0.value > now }
        }
        self.state = Mutex(state)
    }

    private static func emptyState(capacity: Int) -> State {
        State(codes: BoundedDictionary(capacity: capacity), refreshTokens: BoundedDictionary(capacity: capacity))
    }

    // MARK: Codes

    func storeCode(_ code: String, _ record: CodeRecord) {
        self.mutate { state in
            state.codes[code] = .pending(record)
        }
    }

    /// Marks a code used and returns what it stands for; a second use revokes its family.
    func redeemCode(_ code: String) -> CodeRedemption {
        let now = self.clock.nowSeconds
        return self.mutate { state in
            switch state.codes[code] {
            case nil:
                return .unknown
            case .redeemed(let familyID, _):
                self.revokeFamily(familyID, in: &state, until: now + self.familyRevocationPeriod)
                return .reused
            case .pending(let record):
                guard record.expiresAt > now else { return .expired }
                state.codes[code] = .redeemed(familyID: record.familyID, expiresAt: record.expiresAt)
                return .redeemed(record)
            }
        }
    }

    // MARK: Refresh tokens

    func storeRefreshToken(_ token: String, _ record: RefreshTokenRecord) {
        self.mutate { state in
            state.refreshTokens[token] = record
            self.saved?.refreshTokens.save(token, record)
        }
    }

    /// The record of a live refresh token, for introspection.
    public func refreshToken(_ token: String) -> RefreshTokenRecord? {
        let now = self.clock.nowSeconds
        return self.state.withLock { state in state.refreshTokens[token].flatMap { $0.expiresAt > now ? $0 : nil } }
    }

    /// Takes a refresh token for one use: it is gone afterwards (rotation).
    func redeemRefreshToken(_ token: String, clientID: String) -> RefreshRedemption {
        let now = self.clock.nowSeconds
        return self.mutate { state in
            guard let record = state.refreshTokens[token] else { return .unknown }
            guard record.clientID == clientID else { return .otherClient }
            state.refreshTokens[token] = nil
            self.saved?.refreshTokens.remove(token)
            guard record.expiresAt > now else { return .expired }
            return .redeemed(record)
        }
    }

    /// Removes a refresh token issued to `clientID`; false when there is no such token.
    @discardableResult
    func revokeRefreshToken(_ token: String, clientID: String) -> Bool {
        self.mutate { state in
            guard state.refreshTokens[token]?.clientID == clientID else { return false }
            state.refreshTokens[token] = nil
            self.saved?.refreshTokens.remove(token)
            return true
        }
    }

    // MARK: Access tokens

    /// Refuses an access token from now on (until it expires anyway).
    public func revokeAccessToken(id: String, expiresAt: Int64) {
        self.mutate { state in
            state.revokedAccessTokens[id] = expiresAt
            self.saved?.revokedAccessTokens.save(id, expiresAt)
        }
    }

    /// Whether the token was revoked, on its own or with its grant family.
    public func isAccessTokenRevoked(id: String) -> Bool {
        self.state.withLock { state in
            if state.revokedAccessTokens[id] != nil { return true }
            guard !state.revokedFamilies.isEmpty, let family = TokenIdentifier.family(ofTokenID: id) else { return false }
            return state.revokedFamilies[family] != nil
        }
    }

    /// Forgets everything (a reset to the fixtures).
    public func removeAll() {
        let empty = Self.emptyState(capacity: self.capacity)
        self.state.withLock { state in
            state = empty
            self.saved?.removeAll()
        }
    }

    /// How many entries of each kind are held; for tests and the benchmark's memory checks.
    public var counts: (codes: Int, refreshTokens: Int, revokedAccessTokens: Int) {
        self.state.withLock { ($0.codes.count, $0.refreshTokens.count, $0.revokedAccessTokens.count) }
    }

    /// Drops expired entries now.
    public func purgeExpired() {
        let now = self.clock.nowSeconds
        self.state.withLock { Self.purge(&$0, now: now) }
    }

    // MARK: Internals

    private func mutate<Result>(_ body: (inout State) -> Result) -> Result {
        let now = self.clock.nowSeconds
        return self.state.withLock { state in
            state.operationsSincePurge += 1
            if state.operationsSincePurge >= self.purgeInterval {
                Self.purge(&state, now: now)
            }
            return body(&state)
        }
    }

    private func revokeFamily(_ familyID: String, in state: inout State, until: Int64) {
        let removed = state.refreshTokens.removeAll { $0.familyID == familyID }
        state.revokedFamilies[familyID] = until
        guard let saved else { return }
        for token in removed { saved.refreshTokens.remove(token) }
        saved.revokedFamilies.save(familyID, until)
    }

    private static func purge(_ state: inout State, now: Int64) {
        state.operationsSincePurge = 0
        // A used code stays (as a tombstone) until it expires, so a replay is still recognised.
        state.codes.removeAll { $0.expiresAt <= now }
        state.refreshTokens.removeAll { $0.expiresAt <= now }
        state.revokedAccessTokens = state.revokedAccessTokens.filter { $0.value > now }
        state.revokedFamilies = state.revokedFamilies.filter { $0.value > now }
    }
}
