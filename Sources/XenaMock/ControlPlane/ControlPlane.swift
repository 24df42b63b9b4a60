import Hummingbird

/// The control API under `/_mock` that tests steer the mock with: the clock, endpoint faults, the request journal, the
/// consent script and token faults, runtime users and clients, minting, signing keys and reset. It owns the faults,
/// the journal and the reset gate, and reaches the other products' state through them.
public final class ControlPlane: Sendable {
    /// Endpoint faults and latency.
    public let faults: FaultInjector
    /// The requests answered so far.
    public let journal: RequestJournal
    private let gate = ResetGate()
    private let kernel: MockKernel
    private let identityServer: IdentityServer
    private let api: XenaAPI

    /// The control plane over the kernel and the two products it steers.
    init(kernel: MockKernel, identityServer: IdentityServer, api: XenaAPI) {
        let configuration = kernel.configuration
        self.faults = FaultInjector(faults: configuration.faults, latencyMilliseconds: configuration.latencyMilliseconds)
        self.journal = RequestJournal(capacity: configuration.journalCapacity)
        self.kernel = kernel
        self.identityServer = identityServer
        self.api = api
    }

    /// What runs around every request: the reset gate, the journal, then the endpoint faults.
    func addMiddleware(to router: Router<XenaRequestContext>) {
        router.add(middleware: ResetGateMiddleware(gate: self.gate))
        router.add(middleware: JournalMiddleware(journal: self.journal, clock: self.kernel.clock))
        router.add(middleware: FaultMiddleware(faults: self.faults, sleep: self.kernel.configuration.sleep))
    }

    /// The control API's routes, behind one admin-token check.
    func addRoutes(to routes: EndpointRoutes) {
        let dashboard = DashboardController(kernel: self.kernel, identityServer: self.identityServer, controlPlane: self)
        dashboard.addPageRoutes(to: routes)
        PlaygroundController().addRoutes(to: routes)
        ControlController(kernel: self.kernel, identityServer: self.identityServer, controlPlane: self, dashboard: dashboard).addRoutes(to: routes)
    }

    /// Back to the state the server started in, as one step that no request sees half of: the fixtures' users,
    /// clients and API data; no grants, sessions or consents; the configured consent script, token faults and endpoint
    /// faults; the clock's start offset and start key; an empty journal.
    public func reset() async {
        await self.gate.exclusively {
            self.kernel.database?.removeEverything()
            self.faults.reset()
            self.journal.removeAll()
            self.identityServer.reset()
            self.api.reset()
            self.kernel.reset()
        }
    }
}
