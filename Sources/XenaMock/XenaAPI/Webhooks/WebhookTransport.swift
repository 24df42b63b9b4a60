import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

/// Where webhook notifications go. The default, ``HTTPWebhookTransport``, POSTs them over HTTP as Xena does; a Swift
/// test can pass its own (``XenaMockConfiguration/webhookTransport``) to capture deliveries without a socket.
public protocol WebhookTransport: Sendable {
    /// Sends one notification, a JSON body, to `url` and returns the receiver's answer.
    func post(_ body: [UInt8], to url: String) async throws -> WebhookAnswer
}

/// A receiver's answer to a webhook notification.
public struct WebhookAnswer: Sendable, Equatable {
    /// The HTTP status; Xena counts anything but 200 as a failure.
    public var status: Int
    /// The body; Xena counts one without `"Success": true` as a failure.
    public var body: [UInt8]

    /// An answer with `status` and `body`.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }
}

/// POSTs notifications as `application/json; charset=utf-8` with AsyncHTTPClient, with a timeout, reading at most
/// 64 KiB of the answer.
public struct HTTPWebhookTransport: WebhookTransport {
    /// Nil: AsyncHTTPClient's shared client, looked up on the first notification rather than at start (making it
    /// starts its event loop and costs a few per cent of the server's start-up).
    private let client: HTTPClient?
    private let timeout: TimeAmount
    /// For `https` callbacks: the system's roots and the mock's own CA (`--tls`), so that a receiver with a
    /// certificate from that CA is trusted.
    private let tlsConfiguration: TLSConfiguration?

    /// - Parameters:
    ///   - client: the HTTP client to send with, its lifetime the caller's; nil sends with `HTTPClient.shared`.
    ///   - timeout: how long a receiver may take, 5 seconds as Xena allows.
    ///   - caCertificatePEM: a CA whose certificates `https` callbacks are trusted with, besides the system's.
    public init(client: HTTPClient? = nil, timeout: TimeAmount = .seconds(5), trusting caCertificatePEM: String? = nil) {
        self.client = client
        self.timeout = timeout
        if let caCertificatePEM, let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)), !certificates.isEmpty {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.additionalTrustRoots = [.certificates(certificates)]
            self.tlsConfiguration = configuration
        } else {
            self.tlsConfiguration = nil
        }
    }

    /// POSTs `body` to `url` and reads the answer.
    public func post(_ body: [UInt8], to url: String) async throws -> WebhookAnswer {
        let client = self.client ?? .shared
        if let tlsConfiguration = self.tlsConfiguration, url.lowercased().hasPrefix("https:") {
            // A TLS configuration per request is what AsyncHTTPClient's request type (not HTTPClientRequest) takes.
            let request = try HTTPClient.Request(
                url: url, method: .POST, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(body),
                tlsConfiguration: tlsConfiguration)
            let response = try await client.execute(request: request, deadline: .now() + self.timeout).get()
            let answer = response.body.map { Array($0.readableBytesView.prefix(64 * 1024)) } ?? []
            return WebhookAnswer(status: Int(response.status.code), body: answer)
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: self.timeout)
        let answer = try await response.body.collect(upTo: 64 * 1024)
        return WebhookAnswer(status: Int(response.status.code), body: Array(buffer: answer))
    }
}
