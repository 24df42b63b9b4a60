/// How the authorize endpoint decides when no scripted outcome is queued.
public enum ConsentMode: String, Sendable, CaseIterable, Codable {
    /// Approve at once, as the `login_hint` user or else the default user, with every requested scope.
    case auto
    /// Show a login page and a consent page, as the real server does.
    case interactive
    /// Refuse every request with `access_denied`.
    case deny
}
