import Foundation
import Logging

/// The state of one running mock: its clock, identities, keys and issuer.
///
/// One instance per server; nothing is global, so many servers can run in one process.
public final class MockEnvironment: Sendable {
    /// The configuration it was started with.
    public let configuration: XenaMockConfiguration
    /// The one clock of tokens, the API and userinfo.
    public let clock: MockClock
    /// Users, clients and APIs, as the fixtures and the control API made them.
    public let directory: IdentityDirectory
    /// The fixtures' signing key, the one the server starts with.
    public let signingKey: SigningKey
    /// The certificate HTTPS presents and the CA clients trust; nil for plain HTTP.
    public let tls: TLSMaterial?
    /// Every signing key: the signing one, the published ones, the retired ones (`/_mock/keys`).
    public let signingKeys: SigningKeyRing
    let issuer: PublicIssuer
    let signer: TokenSigner
    let tokenIssuer: TokenIssuer
    /// Defects put into the next access tokens.
    public let tokenFaults: TokenFaultQueue
    /// Codes, refresh tokens and revocations.
    public let grants: GrantStore
    /// Consents granted so far (the API's `User/ClientAuthorization`).
    public let consents: ConsentRecordStore
    /// Scripted outcomes for the next authorization requests.
    public let consentScript: ConsentScript
    let sessions: BrowserSessionStore
    let verifiedTokens = VerifiedTokenCache()
    /// The stub API's data.
    public let apiStore: APIStore
    /// Xena's API description, read on the first API request.
    public let apiSpecification: APISpecificationLoader
    /// Webhook deliveries; their outcomes are announced on `webhooks.outcomes`.
    public let webhooks: WebhookDispatcher
    /// Endpoint faults and latency.
    public let faults: FaultInjector
    /// The requests answered so far.
    public let journal: RequestJournal

    /// Loads the fixtures and keys the configuration names.
    public init(configuration: XenaMockConfiguration) async throws {
        if let problem = configuration.boundsProblem() { throw ConfigurationError(problem) }
        let fixtures: IdentityFixtures
        let apiFixtures: APIFixtures
        var fixturesURL: URL?
        if let given = configuration.identityFixtures {
            if let problem = given.validationProblem() {
                throw ConfigurationError("\(problem.file): \(FixtureFile.jsonPath(problem.path)): \(problem.message)")
            }
            fixtures = given
            apiFixtures = configuration.apiFixtures ?? APIFixtures()
        } else {
            let location = try FixtureLocation.resolve(configuration.fixturesDirectory)
            fixturesURL = location.url
            fixtures = try IdentityFixtures.load(from: location.url, displayDirectory: location.displayName)
            apiFixtures = try configuration.apiFixtures ?? APIFixtures.load(from: location.url, displayDirectory: location.displayName)
        }
        if !apiFixtures.fiscalSetups.isEmpty {
            let fiscalIDs = Set(apiFixtures.fiscalSetups.compactMap { $0["Id"]?.integer })
            for (userIndex, user) in fixtures.users.enumerated() {
                for (index, membership) in user.memberships.enumerated() where !fiscalIDs.contains(membership.fiscalSetupID) {
                    throw ConfigurationError(
                        "users.json: $[\(userIndex)].memberships[\(index)].fiscal_setup_id: no fiscal setup \(membership.fiscalSetupID) in api/FiscalSetup.json"
                    )
                }
            }
        }
        if configuration.adminToken == nil && !Self.isLoopback(configuration.host) {
            throw ConfigurationError(
                "listening on \(configuration.host) exposes the control API beyond this machine; pass --admin-token TOKEN to protect it")
        }
        if let token = configuration.adminToken, token.isEmpty { throw ConfigurationError("--admin-token must not be empty") }
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
        self.clock = MockClock(offset: configuration.clockOffset)
        self.directory = IdentityDirectory(fixtures: fixtures)
        self.signingKey = signingKey
        self.tls = try configuration.tls.map { options throws(ConfigurationError) in try TLSMaterial(options) }
        self.issuer = PublicIssuer(configured: configuration.issuer, port: configuration.port, secure: configuration.tls != nil)
        self.signingKeys = try await SigningKeyRing(
            key: signingKey, clock: self.clock, rotationInterval: configuration.keyRotationSeconds.map { TimeInterval($0) })
        self.signer = TokenSigner(keys: self.signingKeys)
        self.tokenFaults = TokenFaultQueue(configuration.tokenFaults.map { TokenFaultQueue.Rule(fault: $0) })
        self.tokenIssuer = TokenIssuer(
            signer: self.signer, clock: self.clock, issuer: self.issuer, directory: self.directory, faults: self.tokenFaults)
        self.grants = GrantStore(clock: self.clock)
        self.consents = ConsentRecordStore()
        self.consentScript = ConsentScript(configuration.consentScript)
        self.sessions = BrowserSessionStore(clock: self.clock)
        let specificationFile = try APISpecificationLoader.file(configured: configuration.apiSpecificationFile, fixturesDirectory: fixturesURL)
        self.apiStore = APIStore(fixtures: apiFixtures, clock: self.clock, seed: configuration.dataSeed)
        var logger = Logger(label: "xena-mock.webhooks")
        logger.logLevel = configuration.logLevel
        self.apiSpecification = APISpecificationLoader(
            file: specificationFile, store: self.apiStore, logger: logger, preloaded: configuration.apiSpecification)
        self.webhooks = WebhookDispatcher(
            store: self.apiStore, transport: configuration.webhookTransport ?? HTTPWebhookTransport(trusting: self.tls?.caCertificatePEM), logger: logger)
        self.faults = FaultInjector(faults: configuration.faults, latencyMilliseconds: configuration.latencyMilliseconds)
        self.journal = RequestJournal(capacity: configuration.journalCapacity)
        if self.directory.user(named: configuration.defaultUser) == nil {
            throw ConfigurationError("--user '\(configuration.defaultUser)' is not a user in users.json")
        }
        for case .approve(.some(let username), _) in configuration.consentScript where self.directory.user(named: username) == nil {
            throw ConfigurationError("the consent script approves as '\(username)', who is not a user in users.json")
        }
    }

    /// Whether `host` names only this machine.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Validates bearer access tokens for userinfo, introspection and the API.
    var accessTokenValidator: AccessTokenValidator {
        AccessTokenValidator(
            signer: self.signer, issuer: self.issuer, clock: self.clock, grants: self.grants, clockSkew: self.configuration.clockSkew,
            verified: self.verifiedTokens)
    }

    /// Signs an access token (and an id_token when `openid` is among the scopes) for a user and client, without any flow.
    ///
    /// - Parameters:
    ///   - scopes: default: the client's API scopes; every scope must be allowed for the client.
    ///   - lifetime: seconds; default: the client's access token lifetime.
    ///   - faults: defects to put into this token (the token fault queue is left alone).
    public func mintToken(
        username: String, clientID: String, scopes: [String]? = nil, lifetime: Int? = nil, faults: Set<TokenFault> = []
    ) throws(OAuthError) -> TokenResponse {
        guard let user = self.directory.user(named: username) else { throw .invalidRequest("user: no user named '\(username)'") }
        guard let client = self.directory.client(id: clientID) else { throw .invalidRequest("client: no client '\(clientID)'") }
        let granted = scopes ?? client.allowedScopes.filter(self.directory.isAPIScope)
        if let scope = granted.first(where: { !client.allowedScopes.contains($0) }) {
            throw .invalidRequest("scopes: client '\(clientID)' may not have the scope '\(scope)'")
        }
        let lifetime = lifetime ?? self.configuration.lifetimes.applying(client).accessToken
        if let problem = InputBounds.problem("lifetime", lifetime, in: InputBounds.lifetimeSeconds, unit: "seconds") {
            throw .invalidRequest(problem)
        }
        // A service account's own user gets a service token; anyone else a token as from a browser login.
        let login =
            client.allows(.clientCredentials) && client.serviceAccountUser == username
            ? nil : LoginSession(sessionID: TokenIdentifier.make(), authTime: self.clock.nowSeconds)
        do {
            let accessToken = try self.tokenIssuer.issueAccessToken(
                for: AccessTokenGrant(client: client, user: user, scopes: granted, login: login, lifetime: lifetime), faults: faults)
            var idToken: String?
            if let login, granted.contains(StandardScope.openID) {
                idToken = try self.tokenIssuer.issueIDToken(
                    client: client, user: user, scopes: granted, login: login, nonce: nil, accessToken: accessToken.token, code: nil)
            }
            return TokenResponse(idToken: idToken, accessToken: accessToken.token, expiresIn: lifetime, scope: granted.joined(separator: " "))
        } catch {
            throw OAuthError(status: .internalServerError, code: .serverError, description: "The token could not be signed: \(error)")
        }
    }

    /// Back to the state the server started in: fixtures, no grants, sessions or consents, the configured
    /// consent script, token faults and endpoint faults, the clock's start offset, an empty journal.
    public func reset() {
        self.directory.reset()
        self.grants.removeAll()
        self.sessions.removeAll()
        self.consents.removeAll()
        self.consentScript.removeAll()
        self.consentScript.enqueue(self.configuration.consentScript)
        self.tokenFaults.reset()
        self.faults.reset()
        self.clock.reset()
        self.journal.removeAll()
        self.apiStore.reset()
        self.signingKeys.reset()
    }

    /// The issuer every token and discovery carry right now.
    public var currentIssuer: IssuerURL { self.issuer.current }
}
