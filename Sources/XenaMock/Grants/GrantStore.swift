import Synchronization

/// Authorization codes, refresh tokens and revoked access tokens, with the grant family each belongs to.
///
/// A grant family is everything issued from one authorization: its code, the access and refresh tokens the code
/// was exchanged for and every rotation of those refresh tokens. Reusing a code revokes the whole family
/// (RFC 6749 §4.1.2). Entries expire by the mock's clock and are purged as the store is used, so it stays bounded.
public final class GrantStore: Sendable {
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
        var redeemed = false
    }

    /// What a refresh token stands for.
    public struct RefreshTokenRecord: Sendable, Equatable {
        public var familyID: String
        public var clientID: String
        public var subject: String
        /// The scopes of the original grant; a refresh may ask for fewer, never more.
        public var scopes: [String]
        public var login: LoginSession
        public var issuedAt: Int64
        public var expiresAt: Int64
    }

    enum CodeRedemption {
        case redeemed(CodeRecord)
        case unknown
        case expired
        /// Used before: the family has been revoked.
        case reused
    }

    private struct State {
        var codes: [String: CodeRecord] = [:]
        var refreshTokens: [String: RefreshTokenRecord] = [:]
        /// Access token ids issued per family, with their expiry, so a family can be revoked.
        var familyAccessTokens: [String: [String: Int64]] = [:]
        /// Revoked access token ids until they expire anyway.
        var revokedAccessTokens: [String: Int64] = [:]
        var operationsSincePurge = 0
    }

    private let state = Mutex(State())
    private let clock: MockClock
    /// How many writes pass between purges of expired entries.
    private let purgeInterval = 512

    init(clock: MockClock) {
        self.clock = clock
    }

    // MARK: Codes

    func storeCode(_ code: String, _ record: CodeRecord) {
        self.mutate { $0.codes[code] = record }
    }

    /// Marks a code used and returns what it stands for; a second use revokes its family.
    func redeemCode(_ code: String) -> CodeRedemption {
        let now = self.clock.nowSeconds
        return self.mutate { state in
            guard var record = state.codes[code] else { return .unknown }
            if record.redeemed {
                Self.revokeFamily(record.familyID, in: &state)
                return .reused
            }
            guard record.expiresAt > now else { return .expired }
            record.redeemed = true
            state.codes[code] = record
            return .redeemed(record)
        }
    }

    // MARK: Refresh tokens

    func storeRefreshToken(_ token: String, _ record: RefreshTokenRecord) {
        self.mutate { $0.refreshTokens[token] = record }
    }

    /// The record of a live refresh token, for introspection.
    public func refreshToken(_ token: String) -> RefreshTokenRecord? {
        let now = self.clock.nowSeconds
        return self.state.withLock { state in state.refreshTokens[token].flatMap { $0.expiresAt > now ? $0 : nil } }
    }

    enum RefreshRedemption {
        case redeemed(RefreshTokenRecord)
        case unknown
        case expired
        case otherClient
    }

    /// Takes a refresh token for one use: it is gone afterwards (rotation).
    func redeemRefreshToken(_ token: String, clientID: String) -> RefreshRedemption {
        let now = self.clock.nowSeconds
        return self.mutate { state in
            guard let record = state.refreshTokens[token] else { return .unknown }
            guard record.clientID == clientID else { return .otherClient }
            state.refreshTokens[token] = nil
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
            return true
        }
    }

    // MARK: Access tokens

    /// Remembers that an access token belongs to a family, so revoking the family revokes it.
    func recordAccessToken(id: String, expiresAt: Int64, familyID: String) {
        self.mutate { $0.familyAccessTokens[familyID, default: [:]][id] = expiresAt }
    }

    /// Refuses an access token from now on (until it expires anyway).
    public func revokeAccessToken(id: String, expiresAt: Int64) {
        self.mutate { $0.revokedAccessTokens[id] = expiresAt }
    }

    public func isAccessTokenRevoked(id: String) -> Bool {
        self.state.withLock { $0.revokedAccessTokens[id] != nil }
    }

    /// Forgets everything (a reset to the fixtures).
    public func removeAll() {
        self.state.withLock { $0 = State() }
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

    private static func revokeFamily(_ familyID: String, in state: inout State) {
        state.refreshTokens = state.refreshTokens.filter { $0.value.familyID != familyID }
        for (id, expiresAt) in state.familyAccessTokens[familyID] ?? [:] {
            state.revokedAccessTokens[id] = expiresAt
        }
    }

    private static func purge(_ state: inout State, now: Int64) {
        state.operationsSincePurge = 0
        // A redeemed code is kept until it expires so that a replay is still recognised and revokes its family.
        state.codes = state.codes.filter { $0.value.expiresAt > now }
        state.refreshTokens = state.refreshTokens.filter { $0.value.expiresAt > now }
        state.revokedAccessTokens = state.revokedAccessTokens.filter { $0.value > now }
        var families: [String: [String: Int64]] = [:]
        for (familyID, tokens) in state.familyAccessTokens {
            let live = tokens.filter { $0.value > now }
            if !live.isEmpty { families[familyID] = live }
        }
        state.familyAccessTokens = families
    }
}
