import HTTPTypes
import Hummingbird

/// CSRF protection for the login and consent forms (RFC 9700 §4.4.1.8, OWASP's "verifying origin with standard
/// headers"): a browser says where a form post comes from, in `Sec-Fetch-Site` or else in `Origin`, and a post from
/// another site is refused. Requests that carry neither header come from programs, not from a browser a third
/// party could steer, and pass, so scripted tests still drive the pages with a bare HTTP client.
enum CrossSiteFormCheck {
    /// Whether a browser reported that this form post came from another site (or origin).
    static func isCrossSite(_ request: Request, issuer: IssuerURL) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased() {
            return site != "same-origin" && site != "none"
        }
        guard let origin = request.headers[.origin] else { return false }
        if origin == issuer.origin { return false }
        guard let host = request.head.authority else { return true }
        return origin != "http://\(host)" && origin != "https://\(host)"
    }

    /// The page a refused post gets: 403, and nothing happens to the pending request.
    static func refusal() -> Response {
        HTMLPage(
            title: "Refused",
            body: "<h1>This form was sent from another site</h1><p class=\"error\">For your safety it was refused. "
                + "Go back to the application and start again.</p>"
        ).response(status: .forbidden)
    }
}
