import HTTPTypes

extension HTTPField.Name {
    /// `Pragma: no-cache` accompanies `Cache-Control: no-store` on token responses (RFC 6749 §5.1).
    static var pragma: Self { .init("Pragma")! }
}

extension HTTPField.Name {
    /// `X-Frame-Options: DENY` for browsers that predate CSP's `frame-ancestors`.
    static var xFrameOptions: Self { .init("X-Frame-Options")! }
    /// `Referrer-Policy: no-referrer`, so page URLs with request ids never leave in a Referer.
    static var referrerPolicy: Self { .init("Referrer-Policy")! }
    /// The Fetch Metadata header that tells whether a request came from another site.
    static var secFetchSite: Self { .init("Sec-Fetch-Site")! }
    /// Marks an answer that an injected endpoint fault produced: `status=503` or `malformed`.
    static var xenaMockFault: Self { .init("X-Xena-Mock-Fault")! }
}
