import Crypto
import CryptoExtras
import ExtrasBase64
import Foundation
import JWTKit
import SwiftASN1
import Synchronization
import X509

/// The RSA key the server signs every JWT with, and the self-signed certificate over it that JWKS
/// publishes as `x5c`, as Xena's (IdentityServer4's) JWKS does.
///
/// Everything here derives from the key alone: the same PEM gives the same `kid`, `x5t`, certificate and
/// signatures on every machine, so tokens and JWKS stay stable across restarts. The certificate is made when JWKS
/// first asks for it, not at start: building and signing it is a tenth of the server's start-up work.
public struct SigningKey: Sendable {
    /// The key identifier in every JWT header and in JWKS.
    public let keyID: String
    /// The private key in jwt-kit's form, for verifying.
    let privateKey: JWTKit.Insecure.RSA.PrivateKey
    /// The private key as PKCS#8 PEM, for the OpenSSL signer.
    let privateKeyPEM: String
    /// The certificate and the JWKS entry, made once, on first use.
    private let publication: Publication
    /// The base64url JWS headers for RS256 tokens of each `typ`, encoded once.
    private let encodedHeaders: [String: String]

    /// Loads a PEM RSA private key (PKCS#1 or PKCS#8).
    public init(pem: String) throws {
        try self.init(backing: try _RSA.Signing.PrivateKey(pemRepresentation: pem))
    }

    /// Generates a fresh 2048-bit key, for fixtures that ship none.
    public static func generate() throws -> SigningKey {
        try SigningKey(backing: try _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    private init(backing: _RSA.Signing.PrivateKey) throws {
        guard backing.keySizeInBits >= 2048 else {
            throw ConfigurationError("the signing key must have at least 2048 bits, this one has \(backing.keySizeInBits)")
        }
        self.privateKey = try JWTKit.Insecure.RSA.PrivateKey(backing: backing)
        self.privateKeyPEM = backing.pemRepresentation
        let publicKeyDER = Array(backing.publicKey.derRepresentation)
        // IdentityServer4 shows key ids as upper-case hex; a digest of the public key keeps it stable.
        self.keyID = PercentEncoding.hex(SHA256.hash(data: publicKeyDER).prefix(16))
        let (modulus, exponent) = try self.privateKey.publicKey.getKeyPrimitives()
        self.publication = Publication(backing: backing, keyID: self.keyID, modulus: modulus, exponent: exponent)
        var headers: [String: String] = [:]
        for type in ["at+jwt", "JWT"] {
            headers[type] = Base64URL.encode(try JSONResponse.encode(RS256Header(alg: "RS256", kid: self.keyID, typ: type)))
        }
        self.encodedHeaders = headers
    }

    /// The DER bytes of the self-signed certificate over the public key.
    public var certificateDER: [UInt8] {
        get throws { try self.publication.value.certificateDER }
    }

    /// The key as JWKS publishes it.
    public var publishedKey: PublishedJSONWebKey {
        get throws { try self.publication.value.key }
    }

    /// The self-signed certificate and the JWKS entry that carries it, built on first use and kept.
    private final class Publication: Sendable {
        private let backing: _RSA.Signing.PrivateKey
        private let keyID: String
        private let modulus: Data
        private let exponent: Data
        private let made = Mutex<(certificateDER: [UInt8], key: PublishedJSONWebKey)?>(nil)

        init(backing: _RSA.Signing.PrivateKey, keyID: String, modulus: Data, exponent: Data) {
            self.backing = backing
            self.keyID = keyID
            self.modulus = modulus
            self.exponent = exponent
        }

        var value: (certificateDER: [UInt8], key: PublishedJSONWebKey) {
            get throws {
                try self.made.withLock { made in
                    if let made { return made }
                    let certificate = try SigningKey.selfSignedCertificate(for: self.backing)
                    let key = PublishedJSONWebKey(
                        kty: "RSA",
                        use: "sig",
                        kid: self.keyID,
                        x5t: Base64URL.encode(Crypto.Insecure.SHA1.hash(data: certificate)),
                        e: Base64URL.encode(self.exponent),
                        n: Base64URL.encode(self.modulus),
                        x5c: [Data(certificate).base64EncodedString()],
                        alg: "RS256"
                    )
                    made = (certificate, key)
                    return (certificate, key)
                }
            }
        }
    }

    /// The encoded header of an RS256 token of this `typ` signed with this key.
    func encodedHeader(_ type: String) throws -> String {
        try self.encodedHeaders[type] ?? Base64URL.encode(JSONResponse.encode(RS256Header(alg: "RS256", kid: self.keyID, typ: type)))
    }

    private struct RS256Header: Encodable {
        let alg: String
        let kid: String
        let typ: String
    }

    /// A deterministic self-signed certificate: fixed names, serial and validity, and RSA PKCS#1 v1.5
    /// signatures are deterministic too.
    fileprivate static func selfSignedCertificate(for key: _RSA.Signing.PrivateKey) throws -> [UInt8] {
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName {
            CommonName("xena-mock signing key")
            OrganizationName("xena-mock (test only)")
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(bytes: [0x01]),
            publicKey: certificateKey.publicKey,
            notValidBefore: Date(timeIntervalSince1970: 1_704_067_200),  // 2024-01-01
            notValidAfter: Date(timeIntervalSince1970: 2_335_219_200),  // 2044-01-01
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: try Certificate.Extensions {
                KeyUsage(digitalSignature: true)
            },
            issuerPrivateKey: certificateKey
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }
}

/// One key of the JWKS document, in IdentityServer4's field order.
public struct PublishedJSONWebKey: Codable, Sendable, Equatable {
    /// `RSA`.
    public var kty: String
    /// `sig`.
    public var use: String
    /// The key id tokens name.
    public var kid: String
    /// The SHA-1 thumbprint of the certificate.
    public var x5t: String
    /// The public exponent, base64url.
    public var e: String
    /// The modulus, base64url.
    public var n: String
    /// The self-signed certificate over the key, base64 DER.
    public var x5c: [String]
    /// `RS256`.
    public var alg: String
}

/// The document at `/.well-known/openid-configuration/jwks`.
public struct JSONWebKeySet: Codable, Sendable, Equatable {
    /// Every published key.
    public var keys: [PublishedJSONWebKey]
}
