import Foundation
import NIOSSL

/// The certificate and key the server presents, loaded or made once at start, and the CA certificate clients trust.
public struct TLSMaterial: Sendable {
    /// The certificate chain, server certificate first.
    let certificateChain: [NIOSSLCertificate]
    let privateKey: NIOSSLPrivateKey
    /// The generated CA's certificate, PEM; nil when the user brought the certificate.
    public let caCertificatePEM: String?
    /// The file the CA certificate was written to.
    public let caCertificateFile: String?

    /// Makes or loads what `options` asks for. A file that cannot be read or holds no PEM certificate or key is a
    /// ``ConfigurationError`` naming it.
    ///
    /// With a `database` (`--data-dir`), a generated CA is kept there and reused at the next start, and its certificate
    /// is written to `ca.pem` in the data directory unless `--tls-ca-out` names a file.
    init(_ options: TLSOptions, database: StateDatabase? = nil) throws(ConfigurationError) {
        switch options.source {
        case .generated(let hosts):
            let authority: LocalCertificateAuthority
            let savedAuthority = database.map { PersistentRecords<LocalCertificateAuthority.Saved>($0, kind: "tls-ca") }
            do {
                authority = try LocalCertificateAuthority(hosts: hosts, reusing: savedAuthority?.all()["ca"])
                if let savedAuthority, savedAuthority.all()["ca"] != authority.saved { savedAuthority.save("ca", authority.saved) }
            } catch {
                throw ConfigurationError("--tls: the local certificate authority could not be made (\(error))")
            }
            self.certificateChain = try Self.certificates(pem: authority.serverCertificateChainPEM, name: "--tls")
            self.privateKey = try Self.privateKey(pem: authority.serverPrivateKeyPEM, name: "--tls")
            self.caCertificatePEM = authority.caCertificatePEM
            let file =
                options.caOutput
                ?? database.map { URL(fileURLWithPath: $0.path).deletingLastPathComponent().appendingPathComponent("ca.pem").path }
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-ca-\(ProcessInfo.processInfo.processIdentifier).pem").path
            do {
                try Data(authority.caCertificatePEM.utf8).write(to: URL(fileURLWithPath: file))
            } catch {
                throw ConfigurationError("--tls-ca-out \(file): cannot be written (\(error.localizedDescription))")
            }
            self.caCertificateFile = file
        case .files(let certificate, let key):
            self.certificateChain = try Self.certificates(pem: try Self.read(certificate, flag: "--tls-cert"), name: "--tls-cert \(certificate)")
            self.privateKey = try Self.privateKey(pem: try Self.read(key, flag: "--tls-key"), name: "--tls-key \(key)")
            self.caCertificatePEM = nil
            self.caCertificateFile = nil
        }
        // A key that does not belong to the certificate fails here, at start, not on the first connection.
        do {
            _ = try NIOSSLContext(configuration: self.serverConfiguration)
        } catch {
            let key = if case .files(_, let key) = options.source { "--tls-key \(key)" } else { "--tls" }
            throw ConfigurationError("\(key): the key does not fit the certificate (\(error))")
        }
    }

    /// NIOSSL's server configuration: this certificate and key, HTTP/2 and HTTP/1.1 by ALPN.
    var serverConfiguration: TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(certificateChain: self.certificateChain.map { .certificate($0) }, privateKey: .privateKey(self.privateKey))
    }

    private static func read(_ path: String, flag: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(flag) \(path): cannot be read")
        }
        return String(decoding: data, as: UTF8.self)
    }

    private static func certificates(pem: String, name: String) throws(ConfigurationError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
        } catch {
            throw ConfigurationError("\(name): not a PEM certificate (\(error))")
        }
        guard !certificates.isEmpty else { throw ConfigurationError("\(name): holds no PEM certificate") }
        return certificates
    }

    private static func privateKey(pem: String, name: String) throws(ConfigurationError) -> NIOSSLPrivateKey {
        do {
            return try NIOSSLPrivateKey(bytes: Array(pem.utf8), format: .pem)
        } catch {
            throw ConfigurationError("\(name): not a PEM private key (\(error))")
        }
    }
}
