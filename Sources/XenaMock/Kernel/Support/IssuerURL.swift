import Foundation

/// The public base URL of the identity server, from which every advertised URL derives.
///
/// It never ends with a slash, so the `iss` claim of every token equals discovery's `issuer` byte for byte.
public struct IssuerURL: Sendable, Hashable, CustomStringConvertible {
    /// The issuer exactly as tokens and discovery carry it, e.g. `http://localhost:5000`.
    public let string: String

    /// Validates and normalises an issuer: an absolute http(s) URL without query or fragment.
    public init(_ string: String) throws(ConfigurationError) {
        var trimmed = string
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty,
            components.query == nil, components.fragment == nil
        else {
            throw ConfigurationError("--issuer must be an absolute http or https URL without query or fragment, got '\(string)'")
        }
        self.string = trimmed
    }

    private init(validated string: String) {
        self.string = string
    }

    /// The default issuer for a server on `port`: `http://localhost:PORT`, or `https://` when it speaks TLS.
    public static func localhost(port: Int, secure: Bool = false) -> IssuerURL {
        // A literal host and a number always form a valid issuer, whatever the number.
        IssuerURL(validated: "\(secure ? "https" : "http")://localhost:\(port)")
    }

    /// The issuer's origin (`scheme://host[:port]`), as browsers send it in `Origin`.
    public var origin: String {
        guard let schemeEnd = self.string.range(of: "://") else { return self.string }
        let rest = self.string[schemeEnd.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? rest
        return String(self.string[..<schemeEnd.upperBound]) + authority.lowercased()
    }

    /// The absolute URL of `path` (which starts with `/`) under this issuer.
    public func url(_ path: String) -> String {
        self.string + path
    }

    /// The issuer as text.
    public var description: String { self.string }
}
