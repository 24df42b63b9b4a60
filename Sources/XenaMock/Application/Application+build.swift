import Hummingbird
import Logging
import NIOCore

/// Where a started server listens.
public struct ServerAddress: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var issuer: IssuerURL

    /// `http://HOST:PORT`, the base URL clients connect to.
    public var baseURL: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "http://\(host):\(self.port)"
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
    return Application(
        router: buildRouter(environment: environment),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "xena-mock"),
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            environment.issuer.serverBound(toPort: port)
            await onServerRunning(ServerAddress(host: configuration.host, port: port, issuer: environment.issuer.current))
        },
        logger: logger
    )
}

/// The router with every endpoint of the identity server.
public func buildRouter(environment: MockEnvironment) -> Router<XenaRequestContext> {
    let router = Router(context: XenaRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: NotFoundMiddleware())
    router.add(middleware: CORSMiddleware(allowOrigin: .originBased, allowHeaders: [.authorization, .contentType], allowMethods: [.get, .post, .put, .delete]))
    let routes = EndpointRoutes(router: router)

    let configuration = environment.configuration
    let tokenController = TokenController(
        authenticator: ClientAuthenticator(directory: environment.directory),
        handlers: [
            ClientCredentialsGrant(issuer: environment.tokenIssuer, directory: environment.directory, lifetimes: configuration.lifetimes)
        ]
    )
    let grantTypes = tokenController.grantTypes
    let directory = environment.directory
    let discovery = DiscoveryController(issuer: environment.issuer, signingKey: environment.signingKey) { issuer in
        DiscoveryDocument(issuer: issuer, apiScopes: directory.apiResources.flatMap(\.scopes), grantTypes: grantTypes)
    }

    HealthController().addRoutes(to: routes)
    discovery.addRoutes(to: routes)
    tokenController.addRoutes(to: routes)
    routes.addMethodNotAllowedRoutes()
    return router
}
