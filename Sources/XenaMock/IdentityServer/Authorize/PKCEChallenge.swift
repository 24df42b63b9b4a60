import Crypto
import Foundation

/// A PKCE code challenge from an authorization request, and the check of its verifier (RFC 7636).
public struct PKCEChallenge: Sendable, Equatable, Codable {
    /// `plain` or `S256`.
    public enum Method: String, Sendable, Codable, CaseIterable {
        case plain
        case s256 = "S256"
    }

    /// `code_challenge`.
    public let challenge: String
    /// `code_challenge_method`.
    public let method: Method

    /// Validates a challenge as RFC 7636 §4.2 shapes it: 43 to 128 unreserved characters.
    init(challenge: String, method: String?) throws(OAuthError) {
        guard let parsed = Method(rawValue: method ?? "plain") else {
            throw .invalidRequest("code_challenge_method must be S256 or plain.")
        }
        guard Self.isWellFormed(challenge) else {
            throw .invalidRequest("code_challenge must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'.")
        }
        self.challenge = challenge
        self.method = parsed
    }

    /// Whether `verifier` answers this challenge (RFC 7636 §4.6).
    func isSatisfied(by verifier: String) -> Bool {
        guard Self.isWellFormed(verifier) else { return false }
        switch self.method {
        case .plain:
            return ClientAuthenticator.constantTimeEquals(self.challenge, verifier)
        case .s256:
            let derived = Base64URL.encode(Array(SHA256.hash(data: Data(verifier.utf8))))
            return ClientAuthenticator.constantTimeEquals(self.challenge, derived)
        }
    }

    /// 43–128 characters from the unreserved set, the shape of both verifiers and challenges.
    static func isWellFormed(_ value: String) -> Bool {
        (43...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            }
    }
}
