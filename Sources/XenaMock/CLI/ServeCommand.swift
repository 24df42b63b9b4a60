import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `xena-mock serve` (the default command): runs the identity server and the Xena API stub.
public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Xena identity server and API mock (the default command)."
    )

    @Option(help: "The address to listen on.")
    public var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free port).")
    public var port: Int = 5000

    @Option(help: "The public issuer URL (default: http://localhost:PORT).")
    public var issuer: String?

    @Option(help: "The fixtures directory (default: ./fixtures, else the fixtures bundled with xena-mock).")
    public var fixtures: String?

    @Option(help: "How authorization requests are decided: auto, interactive or deny.")
    public var consent: ConsentMode = .auto

    @Option(help: "The user auto-approval logs in when a request has no login_hint.")
    public var user: String = "alice"

    @Option(help: "A JSON file with an array of outcomes for the next authorization requests.")
    public var consentScript: String?

    @Option(help: "Seconds of tolerance on the exp and nbf of bearer tokens.")
    public var clockSkew: Int = 0

    @Option(help: "Seconds the mock's clock runs ahead of the system clock (negative: behind).")
    public var clockOffset: Double = 0

    @Option(help: "Access token lifetime in seconds.")
    public var accessTokenLifetime: Int = 3600

    @Option(help: "Refresh token lifetime in seconds.")
    public var refreshTokenLifetime: Int = 30 * 24 * 3600

    @Option(help: "Authorization code lifetime in seconds.")
    public var codeLifetime: Int = 300

    @Option(
        name: .customLong("token-fault"),
        help: "Put a defect into every access token: \(TokenFault.allCases.map(\.rawValue).joined(separator: ", ")). Repeatable.")
    public var tokenFaults: [TokenFault] = []

    @Flag(help: "Issue every access token already expired (same as --token-fault expired).")
    public var expiredTokens = false

    @Option(name: .customLong("fault"), help: "Inject an endpoint fault, e.g. token:status=503,times=2 (see README). Repeatable.")
    public var faults: [String] = []

    @Option(help: "Milliseconds to delay every answer.")
    public var latency: Int = 0

    @Option(help: "Bearer token the control API (/_mock) requires; needed when --host is not a loopback address.")
    public var adminToken: String?

    @Option(help: "How many requests the journal (/_mock/requests) keeps.")
    public var journalCapacity: Int = 1000

    @Option(help: "Seconds a connection may stay silent, and a request body may take to arrive, before it is closed.")
    public var readTimeout: Int = RequestLimits().readTimeoutSeconds

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    public var logLevel: String = "warning"

    public init() {}

    public func validate() throws {
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
            requestLimits: RequestLimits(readTimeoutSeconds: self.readTimeout))
        if let problem = numbers.boundsProblem() { throw ValidationError(problem) }
        for spec in self.faults {
            do { _ = try EndpointFault(spec: spec) } catch { throw ValidationError("--\(error.message)") }
        }
        guard Logger.Level(rawValue: self.logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical; got '\(self.logLevel)'")
        }
    }

    /// The server configuration these options describe.
    public func makeConfiguration() throws -> XenaMockConfiguration {
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
            logLevel: Logger.Level(rawValue: self.logLevel) ?? .warning,
            requestLimits: RequestLimits(readTimeoutSeconds: self.readTimeout)
        )
    }

    /// Reads a `--consent-script` file: a JSON array of outcomes.
    static func loadConsentScript(_ path: String) throws(ConfigurationError) -> [ConsentOutcome] {
        try FixtureFile(url: URL(fileURLWithPath: path), displayName: path).decode([ConsentOutcome].self)
    }

    public func run() async throws {
        let configuration = try self.makeConfiguration()
        let application = try await buildApplication(configuration: configuration) { address in
            ConsoleOutput.printLine("xena-mock listening on \(address.baseURL) (issuer \(address.issuer))")
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
