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
    let environment = try await MockEnvironment(configuration: configuration)
    return buildApplication(environment: environment, onServerRunning: onServerRunning)
}

/// Builds the application around an existing environment (the embedding API keeps a handle on it).
public func buildApplication(
    environment: MockEnvironment,
    onServerRunning: @escaping @Sendable (ServerAddress) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let configuration = environment.configuration
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
    if let tls = environment.tls {
        do {
            server = try .http2Upgrade(
                tlsConfiguration: tls.serverConfiguration,
                configuration: .init(idleTimeout: .seconds(Int64(limits.idleTimeoutSeconds)), streamConfiguration: http1))
        } catch {
            logger.critical("TLS could not be set up, serving plain HTTP: \(error)")
        }
    }
    return Application(
        router: buildRouter(environment: environment),
        server: server,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "xena-mock"),
        services: [environment.webhooks],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            environment.issuer.serverBound(toPort: port)
            await onServerRunning(
                ServerAddress(
                    host: configuration.host, port: port, issuer: environment.issuer.current, secure: environment.tls != nil,
                    caCertificateFile: environment.tls?.caCertificateFile))
        },
        logger: logger
    )
}

/// The router with every endpoint of the identity server.
public func buildRouter(environment: MockEnvironment) -> Router<XenaRequestContext> {
    let router = Router(context: XenaRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: ErrorBodyMiddleware())
    router.add(middleware: RequestLimitsMiddleware(limits: environment.configuration.requestLimits))
    router.add(middleware: JournalMiddleware(journal: environment.journal, clock: environment.clock))
    router.add(middleware: FaultMiddleware(faults: environment.faults, sleep: environment.configuration.sleep))
    router.add(
        middleware: CORSMiddleware(
            allowOrigin: .originBased, allowHeaders: [.authorization, .contentType], allowMethods: [.get, .post, .put, .delete]))
    let routes = EndpointRoutes(router: router)

    let configuration = environment.configuration
    let directory = environment.directory
    let authenticator = ClientAuthenticator(directory: directory)
    let validator = environment.accessTokenValidator
    router.add(
        middleware: APIController(
            store: environment.apiStore, authorizer: APIAuthorizer(validator: validator, directory: directory), directory: directory,
            consents: environment.consents, webhooks: environment.webhooks, specification: environment.apiSpecification,
            issuer: environment.issuer))
    let userGrants = UserGrantIssuer(
        tokenIssuer: environment.tokenIssuer, grants: environment.grants, clock: environment.clock, lifetimes: configuration.lifetimes)
    let tokenController = TokenController(
        authenticator: authenticator,
        handlers: [
            ClientCredentialsGrant(issuer: environment.tokenIssuer, directory: directory, lifetimes: configuration.lifetimes),
            AuthorizationCodeGrant(grants: environment.grants, directory: directory, issuer: userGrants),
            RefreshTokenGrant(grants: environment.grants, directory: directory, issuer: userGrants),
        ]
    )
    let grantTypes = tokenController.grantTypes
    let discovery = DiscoveryController(
        issuer: environment.issuer, keys: environment.signingKeys, maxAge: configuration.jwksMaxAge
    ) { issuer in
        DiscoveryDocument(issuer: issuer, apiScopes: directory.apiResources.flatMap(\.scopes), grantTypes: grantTypes)
    }
    let flow = AuthorizationFlow(
        issuer: environment.issuer, directory: directory, clock: environment.clock, tokenIssuer: environment.tokenIssuer,
        grants: environment.grants, sessions: environment.sessions, consents: environment.consents, script: environment.consentScript,
        lifetimes: configuration.lifetimes, mode: configuration.consentMode, defaultUsername: configuration.defaultUser)

    HealthController().addRoutes(to: routes)
    discovery.addRoutes(to: routes)
    AuthorizeController(validator: AuthorizeRequestValidator(directory: directory, issuer: environment.issuer), flow: flow)
        .addRoutes(to: routes)
    LoginController(flow: flow, sessions: environment.sessions, directory: directory, issuer: environment.issuer).addRoutes(to: routes)
    ConsentPageController(
        flow: flow, sessions: environment.sessions, directory: directory, consents: environment.consents, clock: environment.clock,
        issuer: environment.issuer
    ).addRoutes(to: routes)
    tokenController.addRoutes(to: routes)
    UserInfoController(validator: validator, directory: directory).addRoutes(to: routes)
    RevocationController(authenticator: authenticator, grants: environment.grants, signer: environment.signer).addRoutes(to: routes)
    IntrospectionController(authenticator: authenticator, directory: directory, validator: validator, grants: environment.grants)
        .addRoutes(to: routes)
    EndSessionController(sessions: environment.sessions, directory: directory, signer: environment.signer, issuer: environment.issuer)
        .addRoutes(to: routes)
    ControlController(environment: environment).addRoutes(to: routes)
    routes.addMethodNotAllowedRoutes()
    return router
}
