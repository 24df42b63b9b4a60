import ExtrasBase64
import Foundation
import JWTKit

/// Signs and verifies the server's JWTs with the keys of its ``SigningKeyRing``.
///
/// Signing goes through the system's OpenSSL 3 (``OpenSSLRSASigner``), in parallel on every core; verification
/// uses jwt-kit with the key the token's `kid` names. Both produce and accept the same compact JWS: RS256 is
/// deterministic.
public struct TokenSigner: Sendable {
    /// The JWT `typ` header values the server emits.
    public enum TokenType: String, Sendable {
        /// Access tokens (RFC 9068).
        case accessToken = "at+jwt"
        /// id_tokens and other JWTs.
        case jwt = "JWT"
    }

    /// The keys: the one that signs, the published ones tokens verify against.
    public let keys: SigningKeyRing

    /// A signer over `keys`.
    public init(keys: SigningKeyRing) {
        self.keys = keys
    }

    /// The `kid` new tokens carry.
    public var keyID: String { self.keys.signing.key.keyID }

    /// Returns the compact JWS of `claims`, signed with the ring's signing key.
    ///
    /// Token faults ask for a defective JWT: another `kid`, no signature (`alg: none`), or a signature with its
    /// bytes flipped.
    public func sign(
        _ claims: some Encodable, type: TokenType, keyID: String? = nil, unsigned: Bool = false, corruptSignature: Bool = false
    ) throws -> String {
        let entry = self.keys.signing
        let header =
            keyID == nil && !unsigned
            ? try entry.key.encodedHeader(type.rawValue)
            : Base64URL.encode(try JSONResponse.encode(Header(alg: unsigned ? "none" : "RS256", kid: keyID ?? entry.key.keyID, typ: type.rawValue)))
        let signingInput = header + "." + Base64URL.encode(try JSONResponse.encode(claims))
        if unsigned { return signingInput + "." }
        var signature = try entry.signer.sign(Array(signingInput.utf8))
        if corruptSignature { signature = signature.map { $0 ^ 0x5A } }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies the signature of `token` with the published key its `kid` names and decodes its claims; time and
    /// audience checks are the caller's. A retired or unknown key is ``KeyRingError/unknownKey(_:)``.
    public func verify<Claims: JWTPayload>(_ token: String, as type: Claims.Type) async throws -> Claims {
        let kid = try Self.keyID(of: token)
        guard let entry = self.keys.published(kid) else { throw KeyRingError.unknownKey(kid) }
        return try await entry.verifier.verify(token, as: Claims.self)
    }

    /// The `kid` of a compact JWS's header ("" when it has none).
    static func keyID(of token: String) throws -> String {
        guard let end = token.firstIndex(of: "."), let data = try? Base64URL.decode(String(token[..<end])),
            let header = try? JSONDecoder().decode(KeyIDHeader.self, from: Data(data))
        else { throw JWTError.malformedToken(reason: "The token's header is not valid.") }
        return header.kid ?? ""
    }

    private struct KeyIDHeader: Decodable {
        let kid: String?
    }

    private struct Header: Encodable {
        let alg: String
        let kid: String
        let typ: String
    }
}
