import Hummingbird
import HummingbirdCore
import HummingbirdHTTP2
import Logging
import NIOCore

/// Where a started server listens.
public struct ServerAddress: Sendable, Equatable {
    /// The address it listens on.
    public var host: String
    /// The port it listens on (the real one for `--port 0`).
    public var port: Int
    /// The issuer tokens and discovery carry.
    public var issuer: IssuerURL
    /// Whether it speaks HTTPS.
    public var secure = false
    /// The file holding the certificate of the CA `--tls` made, for clients to trust.
    public var caCertificateFile: String?

    /// `http://HOST:PORT` (or `https://`), the base URL clients connect to.
    public var baseURL: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(self.secure ? "https" : "http")://\(host):\(self.port)"
    }
}

/// Builds the xena-mock application from a configuration: loads fixtures and keys, then builds the router.
///
/// - Parameter onServerRunning: called once the socket listens, with the address and final issuer.
public func buildApplication(
    configuration: XenaMockConfiguration,
    onServerRunning: @escaping @Sendable (ServerAddress) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let instance = try await XenaMockInstance(configuration: configuration)
    return buildApplication(instance: instance, onServerRunning: onServerRunning)
}

/// Builds the application around an existing instance (the embedding API keeps a handle on it).
public func buildApplication(
    instance: XenaMockInstance,
    onServerRunning: @escaping @Sendable (ServerAddress) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let kernel = instance.kernel
    let configuration = kernel.configuration
    var logger = Logger(label: "xena-mock")
    logger.logLevel = configuration.logLevel
    let limits = configuration.requestLimits
    let http1 = HTTP1Channel.Configuration(
        additionalChannelHandlers: [RequestReadTimeoutHandler(timeout: .seconds(Int64(limits.readTimeoutSeconds)))],
        idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds)),
        httpDecoderConfiguration: .init(
            maxHeaderFieldSize: RequestLimits.parserHeadLimitBytes, maxHeaderListSize: RequestLimits.parserHeadLimitBytes,
            maxHeaderFieldCount: 1000))
    // With TLS: HTTP/2 and HTTP/1.1 chosen by ALPN, the same limits on every HTTP/1.1 connection and HTTP/2 stream.
    // (TLSMaterial built an SSL context from the same configuration at start, so this cannot fail here.)
    var server = HTTPServerBuilder.http1(configuration: http1)
    if let tls = kernel.tls {
        do {
            server = try .http2Upgrade(
                tlsConfiguration: tls.serverConfiguration,
                configuration: .init(idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds)), streamConfiguration: http1))
        } catch {
            logger.critical("TLS could not be set up, serving plain HTTP: \(error)")
        }
    }
    return Application(
        router: buildRouter(instance: instance),
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "xena-mock"),
        services: [instance.api.webhooks],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            kernel.issuer.serverBound(toPort: port)
            await onServerRunning(
                ServerAddress(
                    host: configuration.host, port: port, issuer: kernel.issuer.current, secure: kernel.tls != nil,
                    caCertificateFile: kernel.tls?.caCertificateFile))
        },
        logger: logger
    )
}

/// The router with every endpoint: the identity server's, the Xena API's and the control plane's. Paths match
/// case-insensitively, as ASP.NET (IdentityServer4 and Xena's API) matches them.
public func buildRouter(instance: XenaMockInstance) -> Router<XenaRequestContext> {
    let router = Router(context: XenaRequestContext.self, options: [.autoGenerateHeadEndpoints, .caseInsensitive])
    router.add(middleware: ErrorBodyMiddleware())
    router.add(middleware: RequestLimitsMiddleware(limits: instance.kernel.configuration.requestLimits))
    instance.controlPlane.addMiddleware(to: router)
    router.add(
        middleware: CORSMiddleware(
            allowOrigin: .originBased, allowHeaders: [.authorization, .contentType], allowMethods: [.get, .post, .put, .delete]))
    instance.api.addRoutes(to: router)
    let routes = EndpointRoutes(router: router)
    HealthController().addRoutes(to: routes)
    instance.identityServer.addRoutes(to: routes)
    instance.controlPlane.addRoutes(to: routes)
    routes.addMethodNotAllowedRoutes()
    return router
}
