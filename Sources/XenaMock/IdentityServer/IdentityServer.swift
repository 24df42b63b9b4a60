import Foundation
import HTTPTypes

/// The OAuth 2.0 / OpenID Connect server at Xena's paths: discovery, JWKS, authorize with its login and consent pages,
/// token, userinfo, revocation, introspection and end-session. It owns codes, refresh tokens and revocations, browser
/// sessions, remembered consents, the consent script and the token faults.
public final class IdentityServer: Sendable {
    let kernel: MockKernel
    /// Codes, refresh tokens and revocations.
    public let grants: GrantStore
    /// Consents granted so far (the API's `User/ClientAuthorization`).
    public let consents: ConsentRecordStore
    /// Scripted outcomes for the next authorization requests.
    public let consentScript: ConsentScript
    /// Defects put into the next access tokens.
    public let tokenFaults: TokenFaultQueue
    /// The tokens signed lately (`GET /_mock/tokens`).
    public let issuedTokens = IssuedTokenLog()
    let sessions: BrowserSessionStore
    let tokenIssuer: TokenIssuer
    /// Validates bearer access tokens for userinfo, introspection and the Xena API.
    let accessTokenValidator: AccessTokenValidator

    /// The identity server over the kernel, with the configuration's consent script and token faults.
    init(kernel: MockKernel) throws(ConfigurationError) {
        let configuration = kernel.configuration
        for case .approve(.some(let username), _) in configuration.consentScript where kernel.directory.user(named: username) == nil {
            throw ConfigurationError("the consent script approves as '\(username)', who is not a user in users.json")
        }
        self.kernel = kernel
        self.grants = GrantStore(clock: kernel.clock, database: kernel.database)
        self.consents = ConsentRecordStore(database: kernel.database)
        self.consentScript = ConsentScript(configuration.consentScript)
        self.tokenFaults = TokenFaultQueue(configuration.tokenFaults.map { TokenFaultQueue.Rule(fault: $0) })
        self.sessions = BrowserSessionStore(clock: kernel.clock, database: kernel.database)
        self.tokenIssuer = TokenIssuer(
            signer: kernel.signer, clock: kernel.clock, issuer: kernel.issuer, directory: kernel.directory, faults: self.tokenFaults,
            log: self.issuedTokens)
        self.accessTokenValidator = kernel.accessTokenValidator(revocations: self.grants)
    }

    /// Every endpoint of the identity server.
    func addRoutes(to routes: EndpointRoutes) {
        let kernel = self.kernel
        let configuration = kernel.configuration
        let directory = kernel.directory
        let authenticator = ClientAuthenticator(directory: directory)
        let tokenController = TokenController(
            authenticator: authenticator,
            handlers: [
                ClientCredentialsGrant(issuer: self.tokenIssuer, directory: directory, lifetimes: configuration.lifetimes),
                AuthorizationCodeGrant(grants: self.grants, directory: directory, issuer: self.userGrants),
                RefreshTokenGrant(grants: self.grants, directory: directory, issuer: self.userGrants),
            ]
        )
        let grantTypes = tokenController.grantTypes
        let discovery = DiscoveryController(issuer: kernel.issuer, keys: kernel.signingKeys, maxAge: configuration.jwksMaxAge) { issuer in
            DiscoveryDocument(issuer: issuer, apiScopes: directory.apiResources.flatMap(\.scopes), grantTypes: grantTypes)
        }
        let flow = AuthorizationFlow(
            issuer: kernel.issuer, directory: directory, clock: kernel.clock, tokenIssuer: self.tokenIssuer, grants: self.grants,
            sessions: self.sessions, consents: self.consents, script: self.consentScript, lifetimes: configuration.lifetimes,
            mode: configuration.consentMode, defaultUsername: configuration.defaultUser)

        discovery.addRoutes(to: routes)
        PageAssets.addRoutes(to: routes)
        AuthorizeController(validator: AuthorizeRequestValidator(directory: directory, issuer: kernel.issuer), flow: flow).addRoutes(to: routes)
        LoginController(flow: flow, sessions: self.sessions, directory: directory, issuer: kernel.issuer).addRoutes(to: routes)
        ConsentPageController(
            flow: flow, sessions: self.sessions, directory: directory, consents: self.consents, clock: kernel.clock, issuer: kernel.issuer
        ).addRoutes(to: routes)
        tokenController.addRoutes(to: routes)
        UserInfoController(validator: self.accessTokenValidator, directory: directory).addRoutes(to: routes)
        RevocationController(authenticator: authenticator, grants: self.grants, signer: kernel.signer).addRoutes(to: routes)
        IntrospectionController(authenticator: authenticator, directory: directory, validator: self.accessTokenValidator, grants: self.grants)
            .addRoutes(to: routes)
        EndSessionController(sessions: self.sessions, directory: directory, signer: kernel.signer, issuer: kernel.issuer).addRoutes(to: routes)
    }

    /// Issues the tokens of the code and refresh grants.
    private var userGrants: UserGrantIssuer {
        UserGrantIssuer(tokenIssuer: self.tokenIssuer, grants: self.grants, clock: self.kernel.clock, lifetimes: self.kernel.configuration.lifetimes)
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
        let directory = self.kernel.directory
        guard let user = directory.user(named: username) else { throw .invalidRequest("user: no user named '\(username)'") }
        guard let client = directory.client(id: clientID) else { throw .invalidRequest("client: no client '\(clientID)'") }
        let granted = scopes ?? client.allowedScopes.filter(directory.isAPIScope)
        if let scope = granted.first(where: { !client.allowedScopes.contains($0) }) {
            throw .invalidRequest("scopes: client '\(clientID)' may not have the scope '\(scope)'")
        }
        let lifetime = lifetime ?? self.kernel.configuration.lifetimes.applying(client).accessToken
        if let problem = InputBounds.problem("lifetime", lifetime, in: InputBounds.lifetimeSeconds, unit: "seconds") {
            throw .invalidRequest(problem)
        }
        // A service account's own user gets a service token; anyone else a token as from a browser login.
        let login =
            client.allows(.clientCredentials) && client.serviceAccountUser == username
            ? nil : LoginSession(sessionID: TokenIdentifier.make(), authTime: self.kernel.clock.nowSeconds)
        let grant = AccessTokenGrant(client: client, user: user, scopes: granted, login: login, lifetime: lifetime)
        do {
            let (accessToken, idToken) = try self.tokenIssuer.issueTokens(for: grant, nonce: nil, faults: faults)
            return TokenResponse(idToken: idToken, accessToken: accessToken.token, expiresIn: lifetime, scope: granted.joined(separator: " "))
        } catch {
            throw OAuthError(status: .internalServerError, code: .serverError, description: "The token could not be signed.")
        }
    }

    /// Back to the start: no codes, refresh tokens, revocations, sessions or consents; the configured consent script
    /// and token faults.
    func reset() {
        self.grants.removeAll()
        self.sessions.removeAll()
        self.consents.removeAll()
        self.consentScript.removeAll()
        self.consentScript.enqueue(self.kernel.configuration.consentScript)
        self.tokenFaults.reset()
        self.issuedTokens.removeAll()
    }
}
