/// Which part of the mock a request is for: what faults target and what the journal filters by.
public enum EndpointKind: String, Sendable, CaseIterable, Codable {
    case discovery
    case jwks
    case authorize
    case token
    case userinfo
    case endSession = "endsession"
    case revocation
    case introspect
    case login
    case consent
    case api
    case control
    case health
    case other

    /// The endpoint a path belongs to.
    public init(path: String) {
        switch path {
        case EndpointPath.discovery: self = .discovery
        case EndpointPath.jwks: self = .jwks
        case EndpointPath.authorize: self = .authorize
        case EndpointPath.token: self = .token
        case EndpointPath.userinfo: self = .userinfo
        case EndpointPath.endSession: self = .endSession
        case EndpointPath.revocation: self = .revocation
        case EndpointPath.introspection: self = .introspect
        case LoginController.path: self = .login
        case ConsentPageController.path: self = .consent
        case EndpointPath.health: self = .health
        default:
            let lowered = path.lowercased()
            if lowered == APIController.pathPrefix || lowered.hasPrefix(APIController.pathPrefix + "/") {
                self = .api
            } else if path == ControlPaths.root || path.hasPrefix(ControlPaths.root + "/") {
                self = .control
            } else {
                self = .other
            }
        }
    }

    /// Test infrastructure is never faulted or journaled, so a test can always recover and inspect.
    var isInfrastructure: Bool { self == .control || self == .health }
}

/// The control API's paths.
enum ControlPaths {
    static let root = "/_mock"
}
