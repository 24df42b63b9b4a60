import Crypto
import Foundation

/// `at_hash` and `c_hash` (OIDC Core §3.3.2.11): the left half of the SHA-256 of the value, base64url.
enum TokenHash {
    static func leftHalfSHA256(_ value: String) -> String {
        let digest = Array(SHA256.hash(data: Data(value.utf8)))
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}
