/// One mock server's state and routes: the kernel and the three products on it.
///
/// Nothing is global, so many instances can run in one process.
public struct XenaMockInstance: Sendable {
    /// The configuration, clock, directory, keys, issuer and TLS material the products share.
    public let kernel: MockKernel
    /// The OAuth 2.0 / OpenID Connect server.
    public let identityServer: IdentityServer
    /// The stub of Xena's REST API.
    public let api: XenaAPI
    /// The control API, which steers the other two.
    public let controlPlane: ControlPlane

    /// Loads the fixtures and keys the configuration names and builds the products.
    public init(configuration: XenaMockConfiguration) async throws {
        if let problem = configuration.boundsProblem() { throw ConfigurationError(problem) }
        let fixtures = try FixtureSet(configuration: configuration)
        self.kernel = try await MockKernel(configuration: configuration, fixtures: fixtures.identity)
        self.identityServer = try IdentityServer(kernel: self.kernel)
        self.api = try XenaAPI(kernel: self.kernel, fixtures: fixtures, identityServer: self.identityServer)
        self.controlPlane = ControlPlane(kernel: self.kernel, identityServer: self.identityServer, api: self.api)
    }

    /// Back to the state the server started in (see ``ControlPlane/reset()``).
    public func reset() async {
        await self.controlPlane.reset()
    }
}
