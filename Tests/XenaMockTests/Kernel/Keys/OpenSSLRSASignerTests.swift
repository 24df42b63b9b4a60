import Crypto
import CryptoExtras
import Foundation
import Testing

@testable import XenaMock

@Suite struct OpenSSLRSASignerTests {
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)

    @Test func signaturesAreByteForByteThoseOfSwiftCrypto() throws {
        #expect(Self.key.pemRepresentation.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"), "a PKCS#1 key")
        let signer = try OpenSSLRSASigner(privateKeyPEM: Self.key.pemRepresentation)
        for message in ["", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9", String(repeating: "ø", count: 5000)] {
            let bytes = Array(message.utf8)
            let expected = try Self.key.signature(for: bytes, padding: .insecurePKCS1v1_5)
            #expect(try signer.sign(bytes) == Array(expected.rawRepresentation))
        }
    }

    @Test func aPKCS8KeyLoadsToo() throws {
        let pkcs8 = try TestFixtures.signingKeyPEM()
        #expect(pkcs8.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let key = try _RSA.Signing.PrivateKey(pemRepresentation: pkcs8)
        let signature = try OpenSSLRSASigner(privateKeyPEM: pkcs8).sign(Array("x".utf8))
        #expect(key.publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: Array("x".utf8), padding: .insecurePKCS1v1_5))
    }

    @Test func signingIsSafeOnEveryCoreAtOnce() async throws {
        let signer = try OpenSSLRSASigner(privateKeyPEM: Self.key.pemRepresentation)
        let message = Array("parallel".utf8)
        let expected = try signer.sign(message)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<64 { group.addTask { try signer.sign(message) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 64 && results.allSatisfy { $0 == expected })
    }

    @Test func aKeyOpenSSLCannotReadIsAnErrorWithItsReason() {
        #expect(throws: OpenSSLRSASigner.Failure.self) { try OpenSSLRSASigner(privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n") }
    }
}

enum TestFixtures {
    /// The PEM key the bundled fixtures sign with.
    static func signingKeyPEM() throws -> String {
        try String(contentsOfFile: TestServer.fixturesDirectory + "/signing-key.pem", encoding: .utf8)
    }
}
