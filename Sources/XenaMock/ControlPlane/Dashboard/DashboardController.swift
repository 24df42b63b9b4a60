import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

/// The dashboard at `/_mock/`: a page that shows the mock's state live (tokens, sessions, users and clients, the
/// journal, the clock, faults, the consent queue, keys) and steers it through the same control API, and
/// `GET /_mock/events`, the server-sent events that tell it when to fetch again.
///
/// The page and its script and stylesheet carry no data and need no admin token; every call the script makes goes
/// through the control API, so the admin token applies off loopback (the page asks for it).
struct DashboardController: Sendable {
    static let pagePath = "\(ControlPaths.root)/"
    static let scriptPath = "\(ControlPaths.root)/dashboard.js"
    static let stylesheetPath = "\(ControlPaths.root)/dashboard.css"
    static let eventsPath = "\(ControlPaths.root)/events"
    /// How long one event stream lasts; the browser's EventSource reconnects by itself.
    static let streamLifetime: Duration = .seconds(300)

    let kernel: MockKernel
    let identityServer: IdentityServer
    let controlPlane: ControlPlane

    /// The page and its assets (no admin token: they hold no data).
    func addPageRoutes(to routes: EndpointRoutes) {
        // `/_mock` and `/_mock/` are one route.
        routes.on(Self.pagePath, method: .get) { _, _ in ControlPageResponse.page(DashboardAssets.page) }
        routes.on(Self.scriptPath, method: .get) { _, _ in ControlPageResponse.asset(DashboardAssets.script, type: "text/javascript; charset=utf-8") }
        routes.on(Self.stylesheetPath, method: .get) { _, _ in ControlPageResponse.asset(DashboardAssets.stylesheet, type: "text/css; charset=utf-8") }
    }

    /// `GET /_mock/events` (behind the admin token, like every control route).
    func addEventRoutes(to routes: EndpointRoutes) {
        routes.on(Self.eventsPath, method: .get) { _, _ in
            let fingerprint = self.fingerprint
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    try await Self.stream(to: &writer, fingerprint: fingerprint)
                })
        }
    }

    /// What changes when anything the dashboard shows changes: a request answered, the clock moved, a token signed,
    /// a fault, a key, a queued consent, a user or client.
    private var fingerprint: @Sendable () -> String {
        let (kernel, identityServer, controlPlane) = (self.kernel, self.identityServer, self.controlPlane)
        return {
            let directory = kernel.directory.snapshot
            return [
                "\(controlPlane.journal.nextID)", "\(kernel.clock.offset)", "\(identityServer.issuedTokens.count)",
                "\(controlPlane.faults.active.map(\.id))", "\(identityServer.tokenFaults.active.count)",
                "\(identityServer.consentScript.pending.count)", "\(kernel.signingKeys.list.map(\.state))",
                "\(directory.users.count)/\(directory.clients.count)", "\(identityServer.sessions.count)",
            ].joined(separator: "|")
        }
    }

    /// Sends `change` whenever the fingerprint changes (checked four times a second) and a comment every 15 s, until
    /// the client goes, the stream's lifetime ends or the server shuts down.
    private static func stream(to writer: inout any ResponseBodyWriter, fingerprint: @Sendable () -> String) async throws {
        let clock = ContinuousClock()
        let end = clock.now + Self.streamLifetime
        var last = ""
        var lastWrite = clock.now
        try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
        while clock.now < end && !Task.isCancelled && !Task.isShuttingDownGracefully {
            let current = fingerprint()
            if current != last {
                last = current
                lastWrite = clock.now
                try await writer.write(ByteBuffer(string: "event: change\ndata: \(current)\n\n"))
            } else if clock.now - lastWrite > .seconds(15) {
                lastWrite = clock.now
                try await writer.write(ByteBuffer(string: ": still here\n\n"))
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        try await writer.finish(nil)
    }
}
