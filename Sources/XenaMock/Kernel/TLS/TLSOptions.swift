/// How the server speaks HTTPS (`--tls`, or `--tls-cert` and `--tls-key`).
public struct TLSOptions: Sendable, Equatable {
    /// Where the server's certificate comes from.
    public enum Source: Sendable, Equatable {
        /// A local certificate authority made at start, and a certificate it signs for `localhost`, `127.0.0.1`,
        /// `::1` and these extra names (`--tls-host`).
        case generated(hosts: [String])
        /// PEM files the user brings: the certificate (a chain is allowed) and its private key.
        case files(certificate: String, key: String)
    }

    /// A generated certificate or the user's files.
    public var source: Source
    /// Where to write the generated CA's certificate (PEM, `--tls-ca-out`); nil keeps it in a temporary file that
    /// the start line names.
    public var caOutput: String?

    /// HTTPS with a certificate from `source`.
    public init(source: Source = .generated(hosts: []), caOutput: String? = nil) {
        self.source = source
        self.caOutput = caOutput
    }
}
