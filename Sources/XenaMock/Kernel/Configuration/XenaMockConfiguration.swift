import Foundation
import Logging

/// Everything a xena-mock server is started with. The CLI fills it from flags; Swift tests build it directly.
///
/// ```swift
/// var configuration = XenaMockConfiguration()
/// configuration.port = 0  // any free port
/// ```
public struct XenaMockConfiguration: Sendable {
    /// The address to listen on. Loopback by default: the mock is for tests.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The public URL of the identity server; nil means `http://localhost:PORT` with the port actually bound.
    public var issuer: IssuerURL?
    /// The fixtures directory; nil means `./fixtures` when it holds `users.json`, else the fixtures bundled with the package.
    public var fixturesDirectory: String?
    /// Fixtures given in memory instead of a directory (Swift tests); they take precedence over `fixturesDirectory`.
    public var identityFixtures: IdentityFixtures?
    /// API data given in memory (Swift tests); with `identityFixtures` set and this nil, the API has no data.
    public var apiFixtures: APIFixtures?
    /// Token and code lifetimes.
    public var lifetimes: TokenLifetimes
    /// How authorization requests are decided when no scripted outcome is queued.
    public var consentMode: ConsentMode
    /// The username auto-approval acts for when the request has no `login_hint`.
    public var defaultUser: String
    /// Outcomes queued at start, as `--consent-script` gives them.
    public var consentScript: [ConsentOutcome]
    /// Seconds of tolerance when checking `exp` and `nbf` of bearer tokens (0: an expired token fails at once).
    public var clockSkew: Int
    /// Defects put into every access token issued (`--token-fault`, `--expired-tokens`).
    public var tokenFaults: [TokenFault]
    /// Faults injected into endpoint answers from the start (`--fault`).
    public var faults: [EndpointFault]
    /// Milliseconds added to every answer (`--latency`).
    public var latencyMilliseconds: Int
    /// Seconds the mock's clock starts ahead of (or, negative, behind) the system clock.
    public var clockOffset: Double
    /// The bearer token the control API requires; required when listening on a non-loopback address.
    public var adminToken: String?
    /// How many requests the journal keeps.
    public var journalCapacity: Int
    /// How much the server logs; the one "listening" line is printed regardless.
    public var logLevel: Logger.Level
    /// How large a request may be and how long it may take (`--read-timeout`, `--idle-timeout`).
    public var requestLimits: RequestLimits
    /// Where webhook notifications go; nil POSTs them over HTTP (``HTTPWebhookTransport``).
    public var webhookTransport: (any WebhookTransport)?
    /// The seed of the data generated for collections no fixture fills: the same fixtures and seed give the same data.
    public var dataSeed: UInt64
    /// Xena's Swagger document the API is served from; nil means `api/xena-api-swagger.json` in the fixtures
    /// directory, else the one bundled with the package.
    public var apiSpecificationFile: String?
    /// Xena's document already read (``APISpecification/load(from:)``), for Swift test suites that start many servers:
    /// they share one instead of each reading the file again. Nil reads ``apiSpecificationFile`` on the first API
    /// request.
    public var apiSpecification: APISpecification?
    /// Seconds between scheduled signing-key rotations on the mock's clock (`--rotate-keys-every`); nil rotates
    /// only when asked (`POST /_mock/keys/rotate`).
    public var keyRotationSeconds: Int?
    /// The `Cache-Control: max-age` of discovery and JWKS, in seconds (`--jwks-max-age`).
    public var jwksMaxAge: Int
    /// HTTPS (`--tls`, `--tls-cert`/`--tls-key`); nil serves plain HTTP.
    public var tls: TLSOptions?
    /// Where the state that survives a restart is kept (`--data-dir`: a SQLite database, created when missing); nil
    /// keeps everything in memory.
    public var dataDirectory: String?
    /// The default of ``dataSeed``.
    public static let defaultDataSeed: UInt64 = 1
    /// How `--latency` and delay faults wait; tests replace it to record the waits instead of spending them.
    var sleep: @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }

    /// A value given field by field.
    public init(
        host: String = "127.0.0.1",
        port: Int = 5000,
        issuer: IssuerURL? = nil,
        fixturesDirectory: String? = nil,
        identityFixtures: IdentityFixtures? = nil,
        apiFixtures: APIFixtures? = nil,
        lifetimes: TokenLifetimes = TokenLifetimes(),
        consentMode: ConsentMode = .auto,
        defaultUser: String = "alice",
        consentScript: [ConsentOutcome] = [],
        clockSkew: Int = 0,
        tokenFaults: [TokenFault] = [],
        faults: [EndpointFault] = [],
        latencyMilliseconds: Int = 0,
        clockOffset: Double = 0,
        adminToken: String? = nil,
        journalCapacity: Int = 1000,
        logLevel: Logger.Level = .warning,
        requestLimits: RequestLimits = RequestLimits(),
        webhookTransport: (any WebhookTransport)? = nil,
        dataSeed: UInt64 = XenaMockConfiguration.defaultDataSeed,
        apiSpecificationFile: String? = nil,
        apiSpecification: APISpecification? = nil,
        keyRotationSeconds: Int? = nil,
        jwksMaxAge: Int = 3600,
        tls: TLSOptions? = nil,
        dataDirectory: String? = nil
    ) {
        self.host = host
        self.port = port
        self.issuer = issuer
        self.fixturesDirectory = fixturesDirectory
        self.identityFixtures = identityFixtures
        self.apiFixtures = apiFixtures
        self.lifetimes = lifetimes
        self.consentMode = consentMode
        self.defaultUser = defaultUser
        self.consentScript = consentScript
        self.clockSkew = clockSkew
        self.tokenFaults = tokenFaults
        self.faults = faults
        self.latencyMilliseconds = latencyMilliseconds
        self.clockOffset = clockOffset
        self.adminToken = adminToken
        self.journalCapacity = journalCapacity
        self.logLevel = logLevel
        self.requestLimits = requestLimits
        self.webhookTransport = webhookTransport
        self.dataSeed = dataSeed
        self.apiSpecificationFile = apiSpecificationFile
        self.apiSpecification = apiSpecification
        self.keyRotationSeconds = keyRotationSeconds
        self.jwksMaxAge = jwksMaxAge
        self.tls = tls
        self.dataDirectory = dataDirectory
    }
}

extension XenaMockConfiguration {
    /// The first number that lies outside its documented range (``InputBounds``), named by its command-line flag;
    /// nil when every number is in range. The server refuses to start with such a configuration.
    public func boundsProblem() -> String? {
        let numbers: [(String, Int, ClosedRange<Int>, String)] = [
            ("--port", self.port, 0...65535, ""),
            ("--clock-skew", self.clockSkew, InputBounds.clockSkewSeconds, "seconds"),
            ("--access-token-lifetime", self.lifetimes.accessToken, InputBounds.lifetimeSeconds, "seconds"),
            ("--refresh-token-lifetime", self.lifetimes.refreshToken, InputBounds.lifetimeSeconds, "seconds"),
            ("--code-lifetime", self.lifetimes.authorizationCode, InputBounds.lifetimeSeconds, "seconds"),
            ("--journal-capacity", self.journalCapacity, InputBounds.journalCapacity, "requests"),
            ("--latency", self.latencyMilliseconds, InputBounds.delayMilliseconds, "milliseconds"),
            ("--read-timeout", self.requestLimits.readTimeoutSeconds, RequestLimits.timeoutRange, "seconds"),
            ("--idle-timeout", self.requestLimits.idleTimeoutSeconds, RequestLimits.timeoutRange, "seconds"),
            ("--rotate-keys-every", self.keyRotationSeconds ?? InputBounds.lifetimeSeconds.lowerBound, InputBounds.lifetimeSeconds, "seconds"),
            ("--jwks-max-age", self.jwksMaxAge, InputBounds.cacheMaxAgeSeconds, "seconds"),
        ]
        for (name, value, range, unit) in numbers {
            if let problem = InputBounds.problem(name, value, in: range, unit: unit) { return problem }
        }
        if let problem = MockClock.setProblem(to: Date().timeIntervalSince1970 + self.clockOffset) {
            return "--clock-offset: \(self.clockOffset) seconds moves the clock out of range (\(problem))"
        }
        return nil
    }
}
