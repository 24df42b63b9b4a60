import DequeModule
import Foundation
import Synchronization

/// The tokens the identity server signed lately (the last 200), for the control API's `GET /_mock/tokens` and the
/// dashboard: a test sees what its app was given, decoded, with the expiry on the mock's clock.
public final class IssuedTokenLog: Sendable {
    /// What kind of token.
    public enum Kind: String, Sendable, Codable {
        case accessToken = "access_token"
        case idToken = "id_token"
    }

    /// A signed token as the control API lists it.
    public struct Entry: Sendable, Encodable {
        /// An access token or an id_token.
        public var kind: Kind
        /// The client it was issued to.
        public var clientID: String
        /// The user's `sub`; nil for a service token without one.
        public var subject: String?
        /// The compact JWS.
        public var token: String
        /// The decoded JOSE header.
        public var header: JSONValue
        /// The decoded claims.
        public var claims: JSONValue
        /// Whether it is expired on the mock's clock, now.
        public var expired: Bool
        /// Whether it (an access token) was revoked, alone or with its grant.
        public var revoked: Bool

        enum CodingKeys: String, CodingKey {
            case kind, token, header, claims, expired, revoked
            case clientID = "client_id"
            case subject = "sub"
        }
    }

    private struct Signed: Sendable {
        var kind: Kind
        var clientID: String
        var subject: String?
        var token: String
        var tokenID: String?
        var expiresAt: Int64
    }

    /// How many tokens are kept, newest first.
    public static let capacity = 200
    private let tokens = Mutex(Deque<Signed>())
    private let signed = Atomic<Int>(0)

    /// How many tokens were signed since start (the dashboard's change feed watches it).
    var count: Int { self.signed.load(ordering: .relaxed) }

    init() {}

    /// Notes a token just signed; decoding waits until someone lists them.
    func record(_ kind: Kind, token: String, clientID: String, subject: String?, tokenID: String?, expiresAt: Int64) {
        self.signed.add(1, ordering: .relaxed)
        self.tokens.withLock { tokens in
            tokens.prepend(Signed(kind: kind, clientID: clientID, subject: subject, token: token, tokenID: tokenID, expiresAt: expiresAt))
            if tokens.count > Self.capacity { tokens.removeLast() }
        }
    }

    /// The tokens, newest first, decoded, with their state at `now`.
    func entries(now: Int64, isRevoked: (String) -> Bool) -> [Entry] {
        self.tokens.withLock { Array($0) }.map { signed in
            let parts = signed.token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let decode = { (index: Int) -> JSONValue in
                guard parts.count > index, let bytes = try? Base64URL.decode(parts[index]), let value = try? JSONValue.parse(Data(bytes)) else {
                    return .null
                }
                return value
            }
            return Entry(
                kind: signed.kind, clientID: signed.clientID, subject: signed.subject, token: signed.token, header: decode(0), claims: decode(1),
                expired: signed.expiresAt <= now, revoked: signed.tokenID.map(isRevoked) ?? false)
        }
    }

    /// Forgets every token (a reset).
    func removeAll() {
        self.tokens.withLock { $0.removeAll() }
    }
}
