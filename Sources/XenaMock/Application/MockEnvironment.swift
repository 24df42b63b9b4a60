import Foundation
import Logging

/// The state of one running mock: its clock, identities, keys and issuer.
///
/// One instance per server; nothing is global, so many servers can run in one process.
public final class MockEnvironment: Sendable {
    public let configuration: XenaMockConfiguration
    public let clock: MockClock
    public let directory: IdentityDirectory
    public let signingKey: SigningKey
    let issuer: PublicIssuer
    let signer: TokenSigner
    let tokenIssuer: TokenIssuer
    /// Codes, refresh tokens and revocations.
    public let grants: GrantStore
    /// Consents granted so far (the API's `User/ClientAuthorization`).
    public let consents: ConsentRecordStore
    /// Scripted outcomes for the next authorization requests.
    public let consentScript: ConsentScript
    let sessions: BrowserSessionStore
    /// The stub API's data.
    public let apiStore: APIStore
    let webhooks: WebhookDispatcher

    /// Loads the fixtures and keys the configuration names.
    public init(configuration: XenaMockConfiguration) async throws {
        let fixtures: IdentityFixtures
        let apiFixtures: APIFixtures
        if let given = configuration.identityFixtures {
            if let problem = given.validationProblem() {
                throw ConfigurationError("\(problem.file): \(FixtureFile.jsonPath(problem.path)): \(problem.message)")
            }
            fixtures = given
            apiFixtures = configuration.apiFixtures ?? APIFixtures()
        } else {
            let location = try FixtureLocation.resolve(configuration.fixturesDirectory)
            fixtures = try IdentityFixtures.load(from: location.url, displayDirectory: location.displayName)
            apiFixtures = try configuration.apiFixtures ?? APIFixtures.load(from: location.url, displayDirectory: location.displayName)
        }
        if !apiFixtures.fiscalSetups.isEmpty {
            let fiscalIDs = Set(apiFixtures.fiscalSetups.compactMap { $0["Id"]?.integer })
            for (userIndex, user) in fixtures.users.enumerated() {
                for (index, membership) in user.memberships.enumerated() where !fiscalIDs.contains(membership.fiscalSetupID) {
                    throw ConfigurationError(
                        "users.json: $[\(userIndex)].memberships[\(index)].fiscal_setup_id: no fiscal setup \(membership.fiscalSetupID) in api/FiscalSetup.json")
                }
            }
        }
        let signingKey: SigningKey
        if let pem = fixtures.signingKeyPEM {
            do {
                signingKey = try SigningKey(pem: pem)
            } catch let error as ConfigurationError {
                throw ConfigurationError("signing-key.pem: \(error.message)")
            } catch {
                throw ConfigurationError("signing-key.pem: not a PEM RSA private key")
            }
        } else {
            signingKey = try SigningKey.generate()
        }
        self.configuration = configuration
        self.clock = MockClock()
        self.directory = IdentityDirectory(fixtures: fixtures)
        self.signingKey = signingKey
        self.issuer = PublicIssuer(configured: configuration.issuer, port: configuration.port)
        self.signer = try await TokenSigner(signingKey: signingKey)
        self.tokenIssuer = TokenIssuer(signer: self.signer, clock: self.clock, issuer: self.issuer, directory: self.directory)
        self.grants = GrantStore(clock: self.clock)
        self.consents = ConsentRecordStore()
        self.consentScript = ConsentScript(configuration.consentScript)
        self.sessions = BrowserSessionStore(clock: self.clock)
        self.apiStore = APIStore(fixtures: apiFixtures, clock: self.clock)
        var logger = Logger(label: "xena-mock.webhooks")
        logger.logLevel = configuration.logLevel
        self.webhooks = WebhookDispatcher(store: self.apiStore, logger: logger)
        if self.directory.user(named: configuration.defaultUser) == nil {
            throw ConfigurationError("--user '\(configuration.defaultUser)' is not a user in users.json")
        }
        for case .approve(.some(let username), _) in configuration.consentScript where self.directory.user(named: username) == nil {
            throw ConfigurationError("the consent script approves as '\(username)', who is not a user in users.json")
        }
    }

    /// Validates bearer access tokens for userinfo, introspection and the API.
    var accessTokenValidator: AccessTokenValidator {
        AccessTokenValidator(
            signer: self.signer, issuer: self.issuer, clock: self.clock, grants: self.grants, clockSkew: self.configuration.clockSkew)
    }

    /// The issuer every token and discovery carry right now.
    public var currentIssuer: IssuerURL { self.issuer.current }
}
