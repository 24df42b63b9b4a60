/// How much one request may send and how long it may take, so that no client can exhaust the server.
///
/// Past a limit the server answers in the endpoint's own error format (the API's `{"Message"}`, elsewhere
/// `{"error", "error_description"}`): 414 for a long URL, 431 for large or many header fields, 413 for a large
/// body. A connection that sends nothing for ``idleTimeoutSeconds`` (also one stuck in the middle of a request's
/// head) is closed, and so is one whose request body has not fully arrived ``readTimeoutSeconds`` after its head.
public struct RequestLimits: Sendable, Equatable {
    /// The longest request target (path and query), in bytes.
    public var maximumURLBytes: Int
    /// The most bytes all header fields together may have (names and values).
    public var maximumHeaderBytes: Int
    /// The most header fields a request may have.
    public var maximumHeaderCount: Int
    /// The largest request body, in bytes.
    public var maximumBodyBytes: Int
    /// Seconds a request body may take to arrive after its head.
    public var readTimeoutSeconds: Int
    /// Seconds a connection may stay silent between requests or inside a request's head before it is closed: 130,
    /// Kestrel's keep-alive timeout, so clients that pool connections see what they see against Xena's ASP.NET servers.
    public var idleTimeoutSeconds: Int

    /// A request head larger than this is refused by the HTTP parser itself: 400 without a body, then the
    /// connection closes. It lies well above the limits this type answers cleanly.
    static let parserHeadLimitBytes = 256 * 1024

    /// The range `--read-timeout` and `--idle-timeout` may take.
    public static let timeoutRange: ClosedRange<Int> = 1...3600

    /// Limits with the documented defaults; each can be set.
    public init(
        maximumURLBytes: Int = 8 * 1024, maximumHeaderBytes: Int = 32 * 1024, maximumHeaderCount: Int = 100,
        maximumBodyBytes: Int = 1024 * 1024, readTimeoutSeconds: Int = 30, idleTimeoutSeconds: Int = 130
    ) {
        self.maximumURLBytes = maximumURLBytes
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumHeaderCount = maximumHeaderCount
        self.maximumBodyBytes = maximumBodyBytes
        self.readTimeoutSeconds = readTimeoutSeconds
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}
