import Foundation
import JWTKit
import Synchronization

/// The server's signing keys: the one that signs, the ones JWKS still publishes, and the retired ones whose tokens
/// are refused. Starts with the fixtures' key alone; rotation (``rotate()``, or on the mock's clock every
/// ``rotationInterval`` seconds) makes a new RSA-2048 key the signing key and keeps the previous one published,
/// as identity servers do so that tokens already issued stay valid.
public final class SigningKeyRing: Sendable {
    /// What a key is for now.
    public enum State: String, Sendable, Codable {
        /// Signs every new token; published.
        case signing
        /// Published in JWKS, so tokens it signed verify; signs nothing new (a previous key, or the next one
        /// published ahead of a scheduled rotation).
        case published
        /// No longer published; tokens it signed are refused.
        case retired
    }

    /// A key as the control API lists it.
    public struct KeyInfo: Sendable, Codable, Equatable {
        /// The key's identifier, as tokens and JWKS carry it.
        public var kid: String
        /// What the key is for now.
        public var state: State
        /// When it was made or loaded, on the mock's clock.
        public var createdAt: Date
    }

    /// One key with what signing and verifying with it need.
    struct Entry: Sendable {
        let key: SigningKey
        let signer: OpenSSLRSASigner
        let verifier: JWTKeyCollection
        var state: State
        let createdAt: Date
    }

    private struct Keys: Sendable {
        var entries: [Entry]
        /// When the next scheduled rotation is due.
        var nextRotation: Date?
        /// The key published ahead of the next scheduled rotation.
        var upcoming: String?
    }

    /// Seconds between scheduled rotations (`--rotate-keys-every`); nil rotates only on request.
    public let rotationInterval: TimeInterval?
    /// How many keys are published at most: rotating past it retires the oldest.
    public static let publishedLimit = 8
    private let initial: Entry
    private let clock: MockClock
    private let keys: Mutex<Keys>
    /// Where the ring is kept across restarts (`--data-dir`); nil in memory.
    private let saved: PersistentRecords<SavedRing>?

    /// The ring as it is saved: every key with its private key, and the schedule.
    struct SavedRing: Codable {
        struct Key: Codable {
            var privateKeyPEM: String
            var state: State
            var createdAt: Date
        }

        var keys: [Key]
        var nextRotation: Date?
        var upcoming: String?
    }

    /// A ring holding `key`; with a rotation interval, the next key is made now and published ahead. With a
    /// `database`, a ring saved there (rotated keys and their states) takes the place of `key` until a reset.
    init(key: SigningKey, clock: MockClock, rotationInterval: TimeInterval? = nil, database: StateDatabase? = nil) async throws {
        self.clock = clock
        self.rotationInterval = rotationInterval
        self.initial = try await Self.entry(for: key, state: .signing, at: clock.now)
        self.saved = database.map { PersistentRecords($0, kind: "signing-keys") }
        if let ring = self.saved?.all()[Self.savedKey], !ring.keys.isEmpty {
            var entries: [Entry] = []
            for saved in ring.keys {
                entries.append(try await Self.entry(for: try SigningKey(pem: saved.privateKeyPEM), state: saved.state, at: saved.createdAt))
            }
            self.keys = Mutex(Keys(entries: entries, nextRotation: ring.nextRotation, upcoming: ring.upcoming))
            if ring.upcoming == nil { try await self.prepareScheduledRotation() }
            return
        }
        self.keys = Mutex(Keys(entries: [self.initial]))
        try await self.prepareScheduledRotation()
        self.keys.withLock { self.save($0) }
    }

    private static let savedKey = "ring"

    /// Saves the ring; called under the lock, so saves happen in the order of the changes.
    private func save(_ keys: Keys) {
        guard let saved else { return }
        let ring = SavedRing(
            keys: keys.entries.map { SavedRing.Key(privateKeyPEM: $0.key.privateKeyPEM, state: $0.state, createdAt: $0.createdAt) },
            nextRotation: keys.nextRotation, upcoming: keys.upcoming)
        saved.save(Self.savedKey, ring)
    }

    private static func entry(for key: SigningKey, state: State, at date: Date) async throws -> Entry {
        let verifier = JWTKeyCollection()
        await verifier.add(rsa: key.privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: key.keyID))
        return Entry(key: key, signer: try OpenSSLRSASigner(privateKeyPEM: key.privateKeyPEM), verifier: verifier, state: state, createdAt: date)
    }

    /// With a rotation interval: publish the next key and set when it takes over.
    private func prepareScheduledRotation() async throws {
        guard let interval = self.rotationInterval else { return }
        let next = try await Self.entry(for: try SigningKey.generate(), state: .published, at: self.clock.now)
        let now = self.clock.now
        self.keys.withLock { keys in
            keys.entries.append(next)
            keys.upcoming = next.key.keyID
            keys.nextRotation = now.addingTimeInterval(interval)
            self.save(keys)
        }
    }

    // MARK: Reading

    /// The key that signs new tokens, after any rotation the mock's clock has made due.
    var signing: Entry {
        self.rotateIfDue()
        return self.keys.withLock { keys in keys.entries.last { $0.state == .signing } ?? self.initial }
    }

    /// The key with this `kid` while it is published (signing or not); nil for an unknown or retired one.
    func published(_ kid: String) -> Entry? {
        self.keys.withLock { keys in keys.entries.first { $0.key.keyID == kid && $0.state != .retired } }
    }

    /// Whether `kid` names a retired key.
    func isRetired(_ kid: String) -> Bool {
        self.keys.withLock { keys in keys.entries.contains { $0.key.keyID == kid && $0.state == .retired } }
    }

    /// The keys JWKS publishes, oldest first.
    public var publishedKeys: [PublishedJSONWebKey] {
        get throws {
            self.rotateIfDue()
            let keys = self.keys.withLock { keys in keys.entries.filter { $0.state != .retired }.map(\.key) }
            return try keys.map { try $0.publishedKey }
        }
    }

    /// Every key with its state, oldest first.
    public var list: [KeyInfo] {
        self.rotateIfDue()
        return self.keys.withLock { keys in keys.entries.map { KeyInfo(kid: $0.key.keyID, state: $0.state, createdAt: $0.createdAt) } }
    }

    // MARK: Changing

    /// Makes a new RSA-2048 key the signing key; the previous one stays published. Answers both `kid`s.
    @discardableResult
    public func rotate() async throws -> (kid: String, previous: String) {
        let next = try await Self.entry(for: try SigningKey.generate(), state: .signing, at: self.clock.now)
        return self.keys.withLock { keys in
            let previous = keys.entries.last { $0.state == .signing }?.key.keyID ?? self.initial.key.keyID
            for index in keys.entries.indices where keys.entries[index].state == .signing {
                keys.entries[index].state = .published
            }
            keys.entries.append(next)
            Self.retireBeyondLimit(&keys)
            self.save(keys)
            return (next.key.keyID, previous)
        }
    }

    /// Retires a published key: JWKS stops listing it and tokens it signed are refused. The signing key cannot be
    /// retired (rotate first).
    public func retire(_ kid: String) throws(KeyRingError) {
        try self.keys.withLock { keys throws(KeyRingError) in
            guard let index = keys.entries.firstIndex(where: { $0.key.keyID == kid }) else { throw .unknownKey(kid) }
            switch keys.entries[index].state {
            case .signing: throw .signingKeyCannotBeRetired(kid)
            case .retired: return
            case .published: keys.entries[index].state = .retired
            }
            self.save(keys)
        }
    }

    /// Back to the fixtures' key alone; a scheduled rotation starts over from now, its next key made in the
    /// background.
    func reset() {
        self.keys.withLock { keys in
            keys = Keys(entries: [self.initial])
            self.save(keys)
        }
        if self.rotationInterval != nil {
            Task { try? await self.prepareScheduledRotation() }
        }
    }

    /// A scheduled rotation that the mock's clock made due: the key published ahead signs, the previous signing key
    /// stays published, the one before it is retired, and a new next key is made in the background. A clock moved
    /// past several intervals rotates once (the keys in between would never have signed anything).
    private func rotateIfDue() {
        guard let interval = self.rotationInterval else { return }
        let now = self.clock.now
        let rotated: Bool = self.keys.withLock { keys in
            guard let due = keys.nextRotation, now >= due, let upcoming = keys.upcoming,
                let next = keys.entries.firstIndex(where: { $0.key.keyID == upcoming && $0.state == .published })
            else { return false }
            for index in keys.entries.indices where index != next {
                switch keys.entries[index].state {
                case .signing: keys.entries[index].state = .published
                case .published: keys.entries[index].state = .retired
                case .retired: break
                }
            }
            keys.entries[next].state = .signing
            keys.upcoming = nil
            keys.nextRotation = now.addingTimeInterval(interval)
            self.save(keys)
            return true
        }
        guard rotated else { return }
        let clock = self.clock
        Task {
            guard let upcoming = try? await Self.entry(for: try SigningKey.generate(), state: .published, at: clock.now) else { return }
            self.keys.withLock { keys in
                keys.entries.append(upcoming)
                keys.upcoming = upcoming.key.keyID
                Self.retireBeyondLimit(&keys)
                self.save(keys)
            }
        }
    }

    private static func retireBeyondLimit(_ keys: inout Keys) {
        var published = keys.entries.indices.filter { keys.entries[$0].state != .retired }
        while published.count > Self.publishedLimit, let oldest = published.first(where: { keys.entries[$0].state == .published }) {
            keys.entries[oldest].state = .retired
            published.removeAll { $0 == oldest }
        }
        // Retired keys are kept so their tokens are refused as "retired"; the list stays bounded.
        let retired = keys.entries.indices.filter { keys.entries[$0].state == .retired }
        if retired.count > 4 * Self.publishedLimit { keys.entries.remove(at: retired[0]) }
    }
}

/// Why a key cannot be retired.
public enum KeyRingError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case signingKeyCannotBeRetired(String)

    /// The refusal, as the control API words it.
    public var description: String {
        switch self {
        case .unknownKey(let kid): "There is no key '\(kid)'."
        case .signingKeyCannotBeRetired(let kid): "The key '\(kid)' signs new tokens; rotate to a new key before retiring it."
        }
    }
}
