import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority made at start for `--tls`: its certificate (which clients trust, e.g. with
/// `curl --cacert`) and a server certificate it signed for `localhost`, `127.0.0.1`, `::1` and any `--tls-host`.
/// Keys are P-256; nothing is written anywhere unless asked. With `--data-dir` the CA is kept there and made again
/// from it at the next start, so clients that trust it keep trusting it.
public struct LocalCertificateAuthority: Sendable {
    /// The CA certificate, PEM.
    public let caCertificatePEM: String
    /// The server certificate followed by the CA certificate, PEM.
    public let serverCertificateChainPEM: String
    /// The server certificate's private key, PEM (PKCS#8).
    public let serverPrivateKeyPEM: String
    /// The CA's private key, PEM (PKCS#8), kept in the data directory so that a restarted server is the same CA.
    public let caPrivateKeyPEM: String

    /// A CA made before: its certificate and private key, PEM.
    public struct Saved: Sendable, Codable, Equatable {
        /// The CA certificate.
        public var certificatePEM: String
        /// The CA's private key.
        public var privateKeyPEM: String
    }

    /// The CA's certificate and key, to make the same CA again (``init(hosts:now:reusing:)``).
    public var saved: Saved { Saved(certificatePEM: self.caCertificatePEM, privateKeyPEM: self.caPrivateKeyPEM) }

    /// The names every generated server certificate carries.
    public static let defaultHosts = ["localhost", "127.0.0.1", "::1"]

    /// Makes a CA (or takes the one `reusing` gives, when it is still valid at `now`) and a server certificate for
    /// `hosts` (DNS names or IP addresses) besides the defaults, valid from a day before `now` for a year.
    public init(hosts: [String] = [], now: Date = Date(), reusing saved: Saved? = nil) throws {
        let notBefore = now.addingTimeInterval(-86_400)
        let notAfter = now.addingTimeInterval(365 * 86_400)
        let caKey: P256.Signing.PrivateKey
        let ca: Certificate
        if let saved, let key = try? P256.Signing.PrivateKey(pemRepresentation: saved.privateKeyPEM),
            let certificate = try? Certificate(pemEncoded: saved.certificatePEM), certificate.notValidAfter > now.addingTimeInterval(86_400),
            certificate.publicKey == Certificate.PublicKey(key.publicKey)
        {
            (caKey, ca) = (key, certificate)
        } else {
            caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName {
                CommonName("xena-mock local CA (test only)")
                OrganizationName("xena-mock")
            }
            ca = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(caKey.publicKey), notValidBefore: notBefore,
                notValidAfter: notAfter, issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: Certificate.PublicKey(caKey.publicKey))
                },
                issuerPrivateKey: .init(caKey))
        }
        let caName = ca.subject

        let serverKey = P256.Signing.PrivateKey()
        var names: [GeneralName] = []
        for host in Self.defaultHosts + hosts where !host.isEmpty {
            if let address = Self.ipAddressBytes(host) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(address))))
            } else {
                names.append(.dnsName(host))
            }
        }
        let server = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(serverKey.publicKey), notValidBefore: notBefore,
            notValidAfter: notAfter, issuer: caName, subject: try DistinguishedName { CommonName(hosts.first ?? "localhost") },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(names)
                AuthorityKeyIdentifier(keyIdentifier: try ca.extensions.subjectKeyIdentifier?.keyIdentifier)
            },
            issuerPrivateKey: .init(caKey))

        self.caCertificatePEM = try ca.serializeAsPEM().pemString
        self.serverCertificateChainPEM = try server.serializeAsPEM().pemString + "\n" + self.caCertificatePEM
        self.serverPrivateKeyPEM = serverKey.pemRepresentation
        self.caPrivateKeyPEM = caKey.pemRepresentation
    }

    /// The bytes of an IPv4 or IPv6 address, or nil when `text` is a name.
    static func ipAddressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
