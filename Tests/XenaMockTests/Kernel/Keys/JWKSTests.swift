import Crypto
import CryptoExtras
import Foundation
import HTTPTypes
import HummingbirdTesting
import JWTKit
import NIOCore
import SwiftASN1
import Testing
import X509

@testable import XenaMock

@Suite struct JWKSTests {
    @Test func publishesOneRS256SigningKeyWithCertificate() async throws {
        try await TestServer.withRouter { client, mock in
            let response = try await client.execute(uri: "/.well-known/openid-configuration/jwks", method: .get)
            #expect(response.status == .ok)
            let keys = try #require(try response.json()["keys"]?.elements)
            #expect(keys.count == 1)
            let key = keys[0]
            #expect(key["kty"]?.string == "RSA")
            #expect(key["use"]?.string == "sig")
            #expect(key["alg"]?.string == "RS256")
            #expect(key["kid"]?.string == mock.kernel.signingKey.keyID)
            let x5c = try #require(key["x5c"]?.strings)
            let der = try #require(Data(base64Encoded: x5c[0]))

            // x5t is the base64url SHA-1 thumbprint of that certificate.
            let thumbprint = Data(Insecure.SHA1.hash(data: der))
            #expect(try DecodedJWT.base64URLDecode(try #require(key["x5t"]?.string)) == thumbprint)

            // The certificate's key is the key of n and e.
            let certificate = try Certificate(derEncoded: Array(der))
            let certificateKey = try #require(_RSA.Signing.PublicKey(certificate.publicKey))
            let published = try JWTKit.Insecure.RSA.PublicKey(
                modulus: try #require(key["n"]?.string), exponent: try #require(key["e"]?.string))
            let fromCertificate = try certificateKey.getKeyPrimitives()
            let fromJWK = try published.getKeyPrimitives()
            #expect(fromCertificate.modulus == fromJWK.modulus)
            #expect(fromCertificate.publicExponent == fromJWK.publicExponent)
            #expect(certificate.subject == certificate.issuer)
        }
    }

    @Test func tokensVerifyAgainstThePublishedKeySet() async throws {
        try await TestServer.withRouter { client, _ in
            let jwks = try await client.execute(uri: "/.well-known/openid-configuration/jwks", method: .get)
            let keys = JWTKeyCollection()
            try await keys.add(jwksJSON: String(buffer: jwks.body))
            let token =
                try await client.postForm(
                    "/connect/token", [("grant_type", "client_credentials")],
                    headers: [.authorization: FormBody.basic("demo-service.xena.biz", "demo-service-secret")]
                ).json()["access_token"]?.string
            let claims = try await keys.verify(try #require(token), as: AccessTokenClaims.self)
            #expect(claims.clientID == "demo-service.xena.biz")

            // A token with its payload changed no longer verifies.
            let parts = try #require(token).split(separator: ".")
            let forged = [parts[0], parts[1].dropLast(2) + "AA", parts[2]].joined(separator: ".")
            await #expect(throws: (any Error).self) { try await keys.verify(forged, as: AccessTokenClaims.self) }
        }
    }

    @Test func theFixtureKeyGivesStableKeyIDAndCertificate() async throws {
        let first = try await TestServer.mock()
        let second = try await TestServer.mock()
        #expect(first.kernel.signingKey.keyID == second.kernel.signingKey.keyID)
        #expect(try first.kernel.signingKey.certificateDER == second.kernel.signingKey.certificateDER)
    }

    @Test func withoutAFixtureKeyOneIsGenerated() async throws {
        var fixtures = try IdentityFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        fixtures.signingKeyPEM = nil
        var configuration = try TestServer.configuration()
        configuration.identityFixtures = fixtures
        let mock = try await TestServer.mock(configuration)
        let fixtureKey = try await TestServer.mock().kernel.signingKey
        #expect(mock.kernel.signingKey.keyID != fixtureKey.keyID)
        #expect(try mock.kernel.signingKey.publishedKey.kid == mock.kernel.signingKey.keyID)
    }
}
