import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import XenaMock

/// `xena-mock serve` (the default command): runs the identity server and the Xena API stub.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Xena identity server and API mock (the default command)."
    )

    /// Every default comes from the library's configuration, the one place they are written.
    private static let defaults = XenaMockConfiguration()

    @Option(help: "The address to listen on.")
    var host: String = Self.defaults.host

    @Option(help: "The port to listen on (0 picks a free port).")
    var port: Int = Self.defaults.port

    @Option(help: "The public issuer URL (default: http://localhost:PORT).")
    var issuer: String?

    @Option(help: "The fixtures directory (default: ./fixtures, else the fixtures bundled with xena-mock).")
    var fixtures: String?

    @Option(help: "How authorization requests are decided: auto, interactive or deny.")
    var consent: ConsentMode = Self.defaults.consentMode

    @Option(help: "The user auto-approval logs in when a request has no login_hint.")
    var user: String = Self.defaults.defaultUser

    @Option(help: "A JSON file with an array of outcomes for the next authorization requests.")
    var consentScript: String?

    @Option(help: "Seconds of tolerance on the exp and nbf of bearer tokens.")
    var clockSkew: Int = Self.defaults.clockSkew

    @Option(help: "Seconds the mock's clock runs ahead of the system clock (negative: behind).")
    var clockOffset: Double = Self.defaults.clockOffset

    @Option(help: "Access token lifetime in seconds.")
    var accessTokenLifetime: Int = Self.defaults.lifetimes.accessToken

    @Option(help: "Refresh token lifetime in seconds.")
    var refreshTokenLifetime: Int = Self.defaults.lifetimes.refreshToken

    @Option(help: "Authorization code lifetime in seconds.")
    var codeLifetime: Int = Self.defaults.lifetimes.authorizationCode

    @Option(
        name: .customLong("token-fault"),
        help: "Put a defect into every access token: \(TokenFault.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.")
    var tokenFaults: [TokenFault] = []

    @Flag(help: "Issue every access token already expired (same as --token-fault expired).")
    var expiredTokens = false

    @Option(name: .customLong("fault"), help: "Inject an endpoint fault, e.g. token:status=503,times=2 (see README). Repeatable.")
    var faults: [String] = []

    @Option(help: "Milliseconds to delay every answer.")
    var latency: Int = Self.defaults.latencyMilliseconds

    @Option(help: "Bearer token the control API (/_mock) requires; needed when --host is not a loopback address.")
    var adminToken: String?

    @Option(help: "How many requests the journal (/_mock/requests) keeps.")
    var journalCapacity: Int = Self.defaults.journalCapacity

    @Option(help: "Seconds a request body may take to arrive after its head before the connection is closed.")
    var readTimeout: Int = Self.defaults.requestLimits.readTimeoutSeconds

    @Option(help: "Seconds a connection may stay silent (between requests or inside a request's head) before it is closed.")
    var idleTimeout: Int = Self.defaults.requestLimits.idleTimeoutSeconds

    @Flag(help: "Serve HTTPS (HTTP/2 and HTTP/1.1) with a certificate from a local CA made at start.")
    var tls = false

    @Option(name: .customLong("tls-host"), help: "Another name or address the --tls certificate covers (besides localhost, 127.0.0.1, ::1). Repeatable.")
    var tlsHosts: [String] = []

    @Option(help: "Write the --tls CA's certificate (PEM) to this file (default: ca.pem in --data-dir, else a temporary file the start line names).")
    var tlsCaOut: String?

    @Option(help: "Serve HTTPS with this PEM certificate (a chain is allowed); needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "Rotate the signing key every N seconds of the mock's clock: the next key is published ahead, then signs.")
    var rotateKeysEvery: Int?

    @Option(help: "Seconds discovery and JWKS may be cached (their Cache-Control max-age).")
    var jwksMaxAge: Int = Self.defaults.jwksMaxAge

    @Option(help: "Seed of the data generated for API resources no fixture fills; the same seed gives the same data.")
    var dataSeed: UInt64 = Self.defaults.dataSeed

    @Option(help: "Xena's Swagger 2.0 document to serve the API from (default: api/xena-api-swagger.json of the fixtures).")
    var apiSpec: String?

    @Option(help: "Keep state across restarts in DIR (a SQLite database): refresh tokens, sessions, consents, keys, users, clients, API data.")
    var dataDir: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = Self.defaults.logLevel.rawValue

    init() {}

    func validate() throws {
        guard (0...65535).contains(self.port) else {
            throw ValidationError("--port must be between 0 and 65535, got \(self.port)")
        }
        guard !self.host.isEmpty else { throw ValidationError("--host must not be empty") }
        if let issuer = self.issuer {
            do { _ = try IssuerURL(issuer) } catch { throw ValidationError(error.message) }
        }
        let numbers = XenaMockConfiguration(
            lifetimes: TokenLifetimes(
                accessToken: self.accessTokenLifetime, refreshToken: self.refreshTokenLifetime, authorizationCode: self.codeLifetime),
            clockSkew: self.clockSkew, latencyMilliseconds: self.latency, clockOffset: self.clockOffset, journalCapacity: self.journalCapacity,
            requestLimits: RequestLimits(readTimeoutSeconds: self.readTimeout, idleTimeoutSeconds: self.idleTimeout),
            keyRotationSeconds: self.rotateKeysEvery, jwksMaxAge: self.jwksMaxAge)
        if let problem = numbers.boundsProblem() { throw ValidationError(problem) }
        for spec in self.faults {
            do { _ = try EndpointFault(spec: spec) } catch { throw ValidationError("--\(error.message)") }
        }
        if (self.tlsCert == nil) != (self.tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if self.tlsCert != nil && (self.tls || !self.tlsHosts.isEmpty || self.tlsCaOut != nil) {
            throw ValidationError("--tls-cert serves your certificate; --tls, --tls-host and --tls-ca-out are for a generated one")
        }
        if !self.tls && (!self.tlsHosts.isEmpty || self.tlsCaOut != nil) { throw ValidationError("--tls-host and --tls-ca-out need --tls") }
        guard Logger.Level(rawValue: self.logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(self.logLevel)'")
        }
    }

    /// The server configuration these options describe.
    func makeConfiguration() throws -> XenaMockConfiguration {
        XenaMockConfiguration(
            host: self.host,
            port: self.port,
            issuer: try self.issuer.map { try IssuerURL($0) },
            fixturesDirectory: self.fixtures,
            lifetimes: TokenLifetimes(
                accessToken: self.accessTokenLifetime, refreshToken: self.refreshTokenLifetime, authorizationCode: self.codeLifetime),
            consentMode: self.consent,
            defaultUser: self.user,
            consentScript: try self.consentScript.map(Self.loadConsentScript) ?? [],
            clockSkew: self.clockSkew,
            tokenFaults: self.tokenFaults + (self.expiredTokens ? [.expired] : []),
            faults: try self.faults.map { try EndpointFault(spec: $0) },
            latencyMilliseconds: self.latency,
            clockOffset: self.clockOffset,
            adminToken: self.adminToken,
            journalCapacity: self.journalCapacity,
            logLevel: Logger.Level(rawValue: self.logLevel) ?? Self.defaults.logLevel,
            requestLimits: RequestLimits(readTimeoutSeconds: self.readTimeout, idleTimeoutSeconds: self.idleTimeout),
            dataSeed: self.dataSeed,
            apiSpecificationFile: self.apiSpec,
            keyRotationSeconds: self.rotateKeysEvery,
            jwksMaxAge: self.jwksMaxAge,
            tls: self.tlsOptions,
            dataDirectory: self.dataDir
        )
    }

    /// `--tls` with its hosts and CA file, or `--tls-cert` with `--tls-key`.
    private var tlsOptions: TLSOptions? {
        if let certificate = self.tlsCert, let key = self.tlsKey { return TLSOptions(source: .files(certificate: certificate, key: key)) }
        return self.tls ? TLSOptions(source: .generated(hosts: self.tlsHosts), caOutput: self.tlsCaOut) : nil
    }

    /// Reads a `--consent-script` file: a JSON array of outcomes.
    static func loadConsentScript(_ path: String) throws(ConfigurationError) -> [ConsentOutcome] {
        try ConsentScript.load(contentsOf: path)
    }

    func run() async throws {
        let configuration = try self.makeConfiguration()
        let application = try await buildApplication(configuration: configuration) { address in
            let ca = address.caCertificateFile.map { "; CA certificate \($0)" } ?? ""
            ConsoleOutput.printLine("xena-mock listening on \(address.baseURL) (issuer \(address.issuer)\(ca))")
        }
        do {
            try await application.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ConfigurationError("port \(self.port) is already in use on \(self.host)")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw ConfigurationError("no permission to listen on port \(self.port) of \(self.host)")
        } catch let error as IOError where error.errnoCode == EADDRNOTAVAIL {
            throw ConfigurationError("cannot listen on \(self.host): the address is not available on this machine")
        } catch let error as IOError {
            throw ConfigurationError("cannot listen on \(self.host):\(self.port): \(error.description)")
        }
    }
}

extension ConsentMode: ExpressibleByArgument {}
extension TokenFault: ExpressibleByArgument {}
