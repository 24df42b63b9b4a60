import Synchronization

/// Access tokens whose signature has been verified, with their claims, so a client calling the API over and
/// over with one token costs one RSA verification, not one per request.
///
/// Only the signature check is cached: expiry, issuer and revocation are checked on every request. The cache
/// holds at most `capacity` tokens and starts over when full, which keeps memory bounded under any load.
final class VerifiedTokenCache: Sendable {
    private let entries = Mutex<[String: (claims: AccessTokenClaims, keyID: String)]>([:])
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The claims of a verified token and the `kid` of the key that verified it.
    func claims(for token: String) -> (AccessTokenClaims, String)? {
        self.entries.withLock { $0[token] }
    }

    func store(_ claims: AccessTokenClaims, keyID: String, for token: String) {
        self.entries.withLock { entries in
            if entries.count >= self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (claims, keyID)
        }
    }
}
