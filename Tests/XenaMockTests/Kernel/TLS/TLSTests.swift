import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import NIOSSL
import Testing

@testable import XenaMock

/// HTTPS: a local CA made at start, HTTP/2 by ALPN, the CA served and written out, certificates brought as files,
/// webhooks to https receivers the CA vouches for, and one-line errors for files that are no certificate or key.
@Suite struct TLSTests {
    private static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-tls-\(UUID().uuidString)-\(name)").path
    }

    /// An HTTP client that trusts `caPEM` (and nothing else).
    private static func client(trusting caPEM: String) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caPEM.utf8)))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
    }

    @Test func aGeneratedCAServesHTTPSWithHTTP2() async throws {
        let caFile = Self.temporaryFile("ca.pem")
        defer { try? FileManager.default.removeItem(atPath: caFile) }
        var configuration = try TestServer.configuration()
        configuration.tls = TLSOptions(source: .generated(hosts: ["mock.test"]), caOutput: caFile)
        try await XenaMockServer.withServer(configuration) { server in
            let caPEM = try String(contentsOfFile: caFile, encoding: .utf8)
            #expect(server.baseURL.absoluteString.hasPrefix("https://127.0.0.1:"))
            let client = try Self.client(trusting: caPEM)
            do {
                let discovery = try await client.execute(HTTPClientRequest(url: server.baseURL.absoluteString + EndpointPath.discovery), timeout: .seconds(10))
                #expect(discovery.status == .ok)
                #expect(discovery.version == .http2, "ALPN chose HTTP/2")
                let document = try JSONValue.parse(Data(buffer: try await discovery.body.collect(upTo: 1 << 20)))
                #expect(document[path: "issuer"]?.string?.hasPrefix("https://localhost:") == true)
                let ca = try await client.execute(HTTPClientRequest(url: server.baseURL.absoluteString + "/_mock/tls/ca.pem"), timeout: .seconds(10))
                #expect(String(buffer: try await ca.body.collect(upTo: 1 << 20)) == caPEM)
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    @Test func aCertificateBroughtAsFilesIsServed() async throws {
        let authority = try LocalCertificateAuthority()
        let (certificate, key) = (Self.temporaryFile("cert.pem"), Self.temporaryFile("key.pem"))
        defer { for file in [certificate, key] { try? FileManager.default.removeItem(atPath: file) } }
        try authority.serverCertificateChainPEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        try authority.serverPrivateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        var configuration = try TestServer.configuration()
        configuration.tls = TLSOptions(source: .files(certificate: certificate, key: key))
        try await XenaMockServer.withServer(configuration) { server in
            let client = try Self.client(trusting: authority.caCertificatePEM)
            let health = try? await client.execute(HTTPClientRequest(url: server.baseURL.absoluteString + EndpointPath.health), timeout: .seconds(10))
            try await client.shutdown()
            #expect(health?.status == .ok)
        }
    }

    @Test func webhooksTrustTheCAForHTTPSReceivers() async throws {
        var configuration = try TestServer.configuration()
        configuration.tls = TLSOptions(source: .generated(hosts: []), caOutput: Self.temporaryFile("ca.pem"))
        try await XenaMockServer.withServer(configuration) { server in
            // The receiver is the mock itself, over HTTPS with the CA's certificate: the handshake must succeed, so the
            // failure recorded is its answer (an undocumented path), not a TLS error.
            let mock = server.instance
            let port = server.baseURL.port ?? 0
            let token = try server.mintToken(user: "alice", client: "demo-service.xena.biz").accessToken
            let client = try Self.client(trusting: mock.kernel.tls?.caCertificatePEM ?? "")
            var hook = HTTPClientRequest(url: server.baseURL.absoluteString + "/Api/Fiscal/104200311/WebHook")
            hook.method = .POST
            hook.headers.add(name: "Authorization", value: "Bearer \(token)")
            hook.headers.add(name: "Content-Type", value: "application/json")
            hook.body = .bytes(ByteBuffer(string: #"{"CallBackUrl": "https://localhost:\#(port)/hook", "EntityType": "LedgerTag"}"#))
            let created = try await client.execute(hook, timeout: .seconds(10))
            var write = HTTPClientRequest(url: server.baseURL.absoluteString + "/Api/Fiscal/104200311/LedgerTag")
            write.method = .POST
            write.headers = hook.headers
            write.body = .bytes(ByteBuffer(string: #"{"Description": "over TLS"}"#))
            let written = try await client.execute(write, timeout: .seconds(10))
            try await client.shutdown()
            #expect(created.status == .ok && written.status == .ok)
            let outcome = try #require(try await mock.api.webhooks.next(1).first)
            #expect(outcome.failure?.contains("answered") == true, "\(outcome.failure ?? "delivered")")
        }
    }

    @Test func filesThatAreNoCertificateOrKeyAreNamed() throws {
        let garbage = Self.temporaryFile("garbage.pem")
        try "not a certificate".write(toFile: garbage, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: garbage) }
        #expect(throws: ConfigurationError("--tls-cert /nonexistent/cert.pem: cannot be read")) {
            try TLSMaterial(TLSOptions(source: .files(certificate: "/nonexistent/cert.pem", key: garbage)))
        }
        do {
            _ = try TLSMaterial(TLSOptions(source: .files(certificate: garbage, key: garbage)))
            Issue.record("garbage was accepted as a certificate")
        } catch {
            #expect(error.message.hasPrefix("--tls-cert \(garbage): "), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        // A key that belongs to another certificate.
        let one = try LocalCertificateAuthority()
        let other = try LocalCertificateAuthority()
        let (certificate, key) = (Self.temporaryFile("cert.pem"), Self.temporaryFile("key.pem"))
        defer { for file in [certificate, key] { try? FileManager.default.removeItem(atPath: file) } }
        try one.serverCertificateChainPEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        try other.serverPrivateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        do {
            _ = try TLSMaterial(TLSOptions(source: .files(certificate: certificate, key: key)))
            Issue.record("a key of another certificate was accepted")
        } catch {
            #expect(error.message.hasPrefix("--tls-key \(key): the key does not fit the certificate"), "\(error.message)")
        }
    }
}
