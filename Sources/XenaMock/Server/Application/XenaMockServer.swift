import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A xena-mock server running inside a Swift test: start it, point the code under test at ``baseURL``,
/// steer it, and shut it down.
///
/// ```swift
/// let server = try await XenaMockServer.start()
/// defer { Task { try await server.shutdown() } }
/// let token = try server.mintToken(user: "alice", client: "demo-service.xena.biz")
/// server.clock.advance(by: 3601)   // that token is now expired everywhere
/// ```
///
/// Every server has its own state; many can run in parallel in one process.
public final class XenaMockServer: Sendable {
    /// Everything the server holds: the kernel (clock, directory, keys) and the identity server, Xena API and
    /// control plane with their state.
    public let instance: XenaMockInstance
    /// Where the server listens.
    public let address: ServerAddress
    private let serviceGroup: ServiceGroup
    private let running: Task<Void, any Error>

    private init(instance: XenaMockInstance, address: ServerAddress, serviceGroup: ServiceGroup, running: Task<Void, any Error>) {
        self.instance = instance
        self.address = address
        self.serviceGroup = serviceGroup
        self.running = running
    }

    /// Starts a server; by default on 127.0.0.1, port 0 (a free port), with the fixtures bundled with xena-mock.
    public static func start(_ configuration: XenaMockConfiguration = XenaMockConfiguration(port: 0)) async throws -> XenaMockServer {
        let instance = try await XenaMockInstance(configuration: configuration)
        let started = StartSignal()
        let application = buildApplication(instance: instance) { address in started.resume(with: .success(address)) }
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: Logger(label: "xena-mock")))
        let running = Task {
            do {
                try await serviceGroup.run()
                started.resume(with: .failure(ConfigurationError("xena-mock stopped before it listened")))
            } catch {
                started.resume(with: .failure(error))
                throw error
            }
        }
        let address = try await started.wait()
        return XenaMockServer(instance: instance, address: address, serviceGroup: serviceGroup, running: running)
    }

    /// Runs `body` with a started server and shuts it down afterwards, also when `body` throws.
    public static func withServer<Result: Sendable>(
        _ configuration: XenaMockConfiguration = XenaMockConfiguration(port: 0), _ body: (XenaMockServer) async throws -> Result
    ) async throws -> Result {
        let server = try await Self.start(configuration)
        do {
            let result = try await body(server)
            try await server.shutdown()
            return result
        } catch {
            try? await server.shutdown()
            throw error
        }
    }

    /// Stops listening and waits for requests in flight to finish.
    public func shutdown() async throws {
        await self.serviceGroup.triggerGracefulShutdown()
        try await self.running.value
    }

    // MARK: Where

    /// The issuer in discovery and every token, e.g. `http://localhost:54321`.
    public var issuer: String { self.address.issuer.string }

    /// The URL to connect to, e.g. `http://127.0.0.1:54321`.
    public var baseURL: URL { URL(string: self.address.baseURL)! }

    /// The port the server listens on.
    public var port: Int { self.address.port }

    // MARK: Steering

    /// The one clock of the issuer, the API and userinfo.
    public var clock: MockClock { self.instance.kernel.clock }

    /// Signs an access token (and an id_token with `openid`) without any flow.
    public func mintToken(
        user: String, client: String, scopes: [String]? = nil, lifetime: Int? = nil, faults: Set<TokenFault> = []
    ) throws -> TokenResponse {
        try self.instance.identityServer.mintToken(username: user, clientID: client, scopes: scopes, lifetime: lifetime, faults: faults)
    }

    /// Injects an endpoint fault, e.g. `try server.addFault("token:status=503,times=2")`.
    @discardableResult
    public func addFault(_ spec: String) throws -> FaultInjector.ActiveFault {
        self.instance.controlPlane.faults.add(try EndpointFault(spec: spec))
    }

    /// Injects an endpoint fault given in its structured form; a fault out of bounds is refused.
    @discardableResult
    public func addFault(_ fault: EndpointFault) throws -> FaultInjector.ActiveFault {
        try fault.validate()
        return self.instance.controlPlane.faults.add(fault)
    }

    /// Puts `fault` into the next `count` access tokens, or into every one with `count` nil.
    public func addTokenFault(_ fault: TokenFault, count: Int? = 1) {
        self.instance.identityServer.tokenFaults.add(.init(fault: fault, remaining: count))
    }

    /// Queues outcomes for the next authorization requests.
    public func queueConsent(_ outcomes: ConsentOutcome...) {
        self.instance.identityServer.consentScript.enqueue(outcomes)
    }

    /// The requests answered so far (secrets redacted), optionally for one endpoint.
    public func requests(endpoint: EndpointKind? = nil) -> [RequestJournal.Entry] {
        self.instance.controlPlane.journal.entries(endpoint: endpoint)
    }

    /// Back to the fixtures: state, faults, clock and journal; waits for the requests being handled to finish, and no
    /// request sees half of the reset.
    public func reset() async {
        await self.instance.reset()
    }
}

/// Hands the listening address (or the failure to listen) from the server task to `start`, exactly once.
private final class StartSignal: Sendable {
    private let state = Mutex<(result: Result<ServerAddress, any Error>?, waiter: CheckedContinuation<ServerAddress, any Error>?)>((nil, nil))

    func resume(with result: Result<ServerAddress, any Error>) {
        let waiter: CheckedContinuation<ServerAddress, any Error>? = self.state.withLock { state in
            guard state.result == nil else { return nil }
            state.result = result
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(with: result)
    }

    func wait() async throws -> ServerAddress {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<ServerAddress, any Error>? = self.state.withLock { state in
                if let result = state.result { return result }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
