import Synchronization

/// The issuer the server presents, fixed at start or, for a server on port 0 without `--issuer`,
/// completed with the port it was bound to.
///
/// The bound port is known only once the socket listens, and nobody can reach the server before then,
/// so the issuer is settled before the first request reads it.
final class PublicIssuer: Sendable {
    private let state: Mutex<IssuerURL>
    /// Whether the issuer follows the bound port (no explicit `--issuer`).
    let followsBoundPort: Bool
    /// Whether the default issuer is `https://` (the server speaks TLS).
    let secure: Bool

    init(configured: IssuerURL?, port: Int, secure: Bool = false) {
        self.followsBoundPort = configured == nil
        self.secure = secure
        self.state = Mutex(configured ?? .localhost(port: port, secure: secure))
    }

    var current: IssuerURL { self.state.withLock { $0 } }

    /// Records the port the server listens on.
    func serverBound(toPort port: Int) {
        guard self.followsBoundPort else { return }
        self.state.withLock { $0 = .localhost(port: port, secure: self.secure) }
    }
}
