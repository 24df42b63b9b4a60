import ExtrasBase64
import Foundation
import JWTKit

/// Signs and verifies the server's JWTs with its ``SigningKey``.
///
/// Signing goes through the system's OpenSSL 3 (``OpenSSLRSASigner``), in parallel on every core; verification
/// uses jwt-kit's key collection. Both produce and accept the same compact JWS: RS256 is deterministic.
public struct TokenSigner: Sendable {
    /// The JWT `typ` header values the server emits.
    public enum TokenType: String, Sendable {
        /// Access tokens (RFC 9068).
        case accessToken = "at+jwt"
        /// id_tokens and other JWTs.
        case jwt = "JWT"
    }

    /// The `kid` every signed token carries; JWKS lists it.
    public let keyID: String
    /// The keys tokens are verified against.
    public let keys: JWTKeyCollection
    private let signer: OpenSSLRSASigner
    private let encodedHeaders: [TokenType: String]

    public init(signingKey: SigningKey) async throws {
        let keys = JWTKeyCollection()
        let kid = JWKIdentifier(string: signingKey.keyID)
        await keys.add(rsa: signingKey.privateKey, digestAlgorithm: .sha256, kid: kid)
        self.keys = keys
        self.keyID = signingKey.keyID
        self.signer = try OpenSSLRSASigner(privateKeyPEM: signingKey.privateKeyPEM)
        var headers: [TokenType: String] = [:]
        for type in [TokenType.accessToken, .jwt] {
            headers[type] = Base64URL.encode(JSONResponse.encode(Header(alg: "RS256", kid: signingKey.keyID, typ: type.rawValue)))
        }
        self.encodedHeaders = headers
    }

    /// Returns the compact JWS of `claims`.
    ///
    /// Token faults ask for a defective JWT: another `kid`, no signature (`alg: none`), or a signature with its
    /// bytes flipped. The usual header is encoded once, at start.
    public func sign(
        _ claims: some Encodable, type: TokenType, keyID: String? = nil, unsigned: Bool = false, corruptSignature: Bool = false
    ) throws -> String {
        let header =
            keyID == nil && !unsigned
            ? self.encodedHeaders[type]!
            : Base64URL.encode(JSONResponse.encode(Header(alg: unsigned ? "none" : "RS256", kid: keyID ?? self.keyID, typ: type.rawValue)))
        let signingInput = header + "." + Base64URL.encode(JSONResponse.encode(claims))
        if unsigned { return signingInput + "." }
        var signature = try self.signer.sign(Array(signingInput.utf8))
        if corruptSignature { signature = signature.map { $0 ^ 0x5A } }
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// Verifies the signature of `token` and decodes its claims; time and audience checks are the caller's.
    public func verify<Claims: JWTPayload>(_ token: String, as type: Claims.Type) async throws -> Claims {
        try await self.keys.verify(token, as: Claims.self)
    }

    private struct Header: Encodable {
        let alg: String
        let kid: String
        let typ: String
    }
}
