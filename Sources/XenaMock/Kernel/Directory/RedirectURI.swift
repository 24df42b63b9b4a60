import Foundation

/// Redirect URI rules: exact string match (RFC 6749 §3.1.2), except that a registered loopback IP
/// URI matches a request on any port (RFC 8252 §7.3), as native apps pick a free port at run time.
///
/// A registered URI may start with ``issuerPlaceholder`` to name a page of the mock itself (the playground's
/// callback) wherever the mock runs: the placeholder stands for the issuer the server presents at that moment,
/// so the registration holds on any port and under TLS.
public enum RedirectURI {
    /// The prefix that stands for the server's issuer in a registered URI: `{issuer}/_mock/playground/callback`.
    public static let issuerPlaceholder = "{issuer}"

    /// Whether `requested` is one of `registered` under those rules, `{issuer}` standing for `issuer`.
    public static func isRegistered(_ requested: String, in registered: [String], issuer: IssuerURL) -> Bool {
        registered.contains { self.matches(requested, registered: self.expanding($0, issuer: issuer)) }
    }

    /// `uri` with a leading ``issuerPlaceholder`` replaced by `issuer`.
    public static func expanding(_ uri: String, issuer: IssuerURL) -> String {
        guard uri.hasPrefix(self.issuerPlaceholder) else { return uri }
        return issuer.string + uri.dropFirst(self.issuerPlaceholder.count)
    }

    static func matches(_ requested: String, registered: String) -> Bool {
        if requested == registered { return true }
        guard let registeredURL = URLComponents(string: registered), self.isLoopbackIP(registeredURL),
            let requestedURL = URLComponents(string: requested), self.isLoopbackIP(requestedURL),
            self.hasValidPort(requested, requestedURL)
        else { return false }
        return requestedURL.scheme == registeredURL.scheme && requestedURL.host == registeredURL.host
            && requestedURL.percentEncodedPath == registeredURL.percentEncodedPath
            && requestedURL.percentEncodedQuery == registeredURL.percentEncodedQuery && requestedURL.fragment == nil
            && requestedURL.user == nil && requestedURL.password == nil
    }

    /// A port from 1 to 65535, or none at all: `:99999999999999999999999` or `:0` is no port a native app listens on.
    private static func hasValidPort(_ uri: String, _ url: URLComponents) -> Bool {
        if let port = url.port { return (1...65535).contains(port) }
        guard let host = url.percentEncodedHost, let range = uri.range(of: host) else { return false }
        return !uri[range.upperBound...].hasPrefix(":")
    }

    private static func isLoopbackIP(_ url: URLComponents) -> Bool {
        url.scheme == "http" && (url.host == "127.0.0.1" || url.host == "[::1]" || url.host == "::1")
    }

    /// Whether `uri` is an absolute URI without a fragment (RFC 6749 §3.1.2), or a path on the mock after
    /// ``issuerPlaceholder``.
    static func isAbsolute(_ uri: String) -> Bool {
        if uri.hasPrefix(self.issuerPlaceholder) {
            let path = uri.dropFirst(self.issuerPlaceholder.count)
            return path.hasPrefix("/") && self.isAbsolute("http://localhost" + path)
        }
        guard let url = URLComponents(string: uri), let scheme = url.scheme, !scheme.isEmpty else { return false }
        return url.fragment == nil && (url.host.map { !$0.isEmpty } ?? !url.path.isEmpty)
    }
}
