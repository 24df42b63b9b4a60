import Foundation
import Logging

/// What the identity server, the Xena API and the control plane share: the configuration, the clock, the directory of
/// users and clients, the signing keys, the public issuer and the TLS material.
public final class MockKernel: Sendable {
    /// The configuration the server was started with.
    public let configuration: XenaMockConfiguration
    /// The one clock of tokens, the API and userinfo.
    public let clock: MockClock
    /// Users, clients and APIs, as the fixtures and the control API made them.
    public let directory: IdentityDirectory
    /// The fixtures' signing key, the one the server starts with.
    public let signingKey: SigningKey
    /// Every signing key: the signing one, the published ones, the retired ones (`/_mock/keys`).
    public let signingKeys: SigningKeyRing
    /// The certificate HTTPS presents and the CA clients trust; nil for plain HTTP.
    public let tls: TLSMaterial?
    /// The state that survives a restart (`--data-dir`); nil keeps everything in memory.
    public let database: StateDatabase?
    let issuer: PublicIssuer
    let signer: TokenSigner
    private let verifiedTokens = VerifiedTokenCache()

    /// Checks the configuration and builds the shared parts from the identity fixtures.
    init(configuration: XenaMockConfiguration, fixtures: IdentityFixtures) async throws {
        if configuration.adminToken == nil && !Self.isLoopback(configuration.host) {
            throw ConfigurationError(
                "listening on \(configuration.host) exposes the control API beyond this machine; pass --admin-token TOKEN to protect it")
        }
        if let token = configuration.adminToken, token.isEmpty { throw ConfigurationError("--admin-token must not be empty") }
        let signingKey = try Self.signingKey(pem: fixtures.signingKeyPEM)
        var logger = Logger(label: "xena-mock.state")
        logger.logLevel = configuration.logLevel
        let database = try configuration.dataDirectory.map { directory throws(ConfigurationError) in
            try StateDatabase(directory: directory, logger: logger)
        }
        self.database = database
        self.configuration = configuration
        self.clock = MockClock(offset: configuration.clockOffset, database: database)
        self.directory = IdentityDirectory(fixtures: fixtures, database: database)
        self.signingKey = signingKey
        self.tls = try configuration.tls.map { options throws(ConfigurationError) in try TLSMaterial(options, database: database) }
        self.issuer = PublicIssuer(configured: configuration.issuer, port: configuration.port, secure: configuration.tls != nil)
        self.signingKeys = try await SigningKeyRing(
            key: signingKey, clock: self.clock, rotationInterval: configuration.keyRotationSeconds.map { TimeInterval($0) }, database: database)
        self.signer = TokenSigner(keys: self.signingKeys)
        if self.directory.user(named: configuration.defaultUser) == nil {
            throw ConfigurationError("--user '\(configuration.defaultUser)' is not a user in users.json")
        }
    }

    /// The fixtures' key, or a new one when they have none.
    private static func signingKey(pem: String?) throws -> SigningKey {
        guard let pem else { return try SigningKey.generate() }
        do {
            return try SigningKey(pem: pem)
        } catch let error as ConfigurationError {
            throw ConfigurationError("signing-key.pem: \(error.message)")
        } catch {
            throw ConfigurationError("signing-key.pem: not a PEM RSA private key")
        }
    }

    /// Whether `host` names only this machine.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.trimming { $0 == "[" || $0 == "]" }.lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Validates bearer access tokens for userinfo, introspection and the API.
    func accessTokenValidator(revocations: any AccessTokenRevocations) -> AccessTokenValidator {
        AccessTokenValidator(
            signer: self.signer, issuer: self.issuer, clock: self.clock, revocations: revocations, clockSkew: self.configuration.clockSkew,
            verified: self.verifiedTokens)
    }

    /// The issuer every token and discovery carry right now.
    public var currentIssuer: IssuerURL { self.issuer.current }

    /// Back to the start: the fixtures' users and clients, the clock's start offset, the start key only.
    func reset() {
        self.directory.reset()
        self.clock.reset()
        self.signingKeys.reset()
    }
}
