import Foundation
import Hummingbird

/// What happens to a valid authorization request: a scripted outcome, the consent mode's decision,
/// or the login and consent pages; and, once approved, the code and tokens sent back to the client.
///
/// It decides (``AuthorizationDecision``); the authorize, login and consent controllers render the decision.
struct AuthorizationFlow: Sendable {
    let issuer: PublicIssuer
    let directory: IdentityDirectory
    let clock: MockClock
    let tokenIssuer: TokenIssuer
    let grants: GrantStore
    let sessions: BrowserSessionStore
    let consents: ConsentRecordStore
    let script: ConsentScript
    let lifetimes: TokenLifetimes
    let mode: ConsentMode
    /// The username approvals act for when neither `login_hint` nor a script names one.
    let defaultUsername: String

    // MARK: Deciding

    /// Decides a request that passed validation.
    func decide(_ request: AuthorizeRequest, browser: Request) -> AuthorizationDecision {
        let current = self.sessions.session(for: browser)
        if let outcome = self.script.next() {
            return self.apply(outcome, to: request, current: current)
        }
        switch self.mode {
        case .deny:
            return self.refuse(request, .accessDenied, "The user denied the request (consent mode deny).")
        case .auto:
            if request.loginHint != nil && self.hintedUser(request) == nil {
                return self.refuse(request, .loginRequired, self.unknownUserDescription(request))
            }
            guard let user = self.hintedUser(request) ?? self.directory.user(named: self.defaultUsername) else {
                return self.refuse(request, .loginRequired, self.unknownUserDescription(request))
            }
            return self.approve(request, user: user, scopes: request.scopes, current: current, remember: true)
        case .interactive:
            return self.interact(request, current: current)
        }
    }

    /// The interactive mode: log in unless a fitting session exists, then consent unless remembered.
    private func interact(_ request: AuthorizeRequest, current: (cookie: String, session: BrowserSession)?) -> AuthorizationDecision {
        guard let current, self.sessionSatisfies(current.session, request) else {
            if request.prompts.contains(.none) {
                return self.refuse(request, .loginRequired, "The user is not logged in and prompt=none forbids showing the login page.")
            }
            return .logIn(pendingID: self.sessions.park(request))
        }
        return self.continueAfterLogin(request, cookie: current.cookie, session: current.session, setCookie: false)
    }

    /// After a login (fresh or from the cookie): the consent page if needed, else the answer.
    func continueAfterLogin(_ request: AuthorizeRequest, cookie: String, session: BrowserSession, setCookie: Bool) -> AuthorizationDecision {
        guard let user = self.directory.user(subject: session.subject) else {
            return self.refuse(request, .loginRequired, "The logged-in user no longer exists.")
        }
        let remembered = self.consents.covers(subject: user.subject, clientID: request.client.clientID, scopes: request.scopes)
        if request.prompts.contains(.consent) || !remembered {
            if request.prompts.contains(.none) {
                return self.refuse(request, .consentRequired, "The user has not consented and prompt=none forbids asking.")
            }
            return .consent(pendingID: self.sessions.park(request, cookie: cookie), newCookie: setCookie ? cookie : nil)
        }
        return self.respond(request, user: user, scopes: request.scopes, session: session, newCookie: setCookie ? cookie : nil)
    }

    private func apply(_ outcome: ConsentOutcome, to request: AuthorizeRequest, current: (cookie: String, session: BrowserSession)?) -> AuthorizationDecision {
        switch outcome {
        case .approve(let username, let scopes):
            let user = username.map { self.directory.user(named: $0) } ?? self.hintedUser(request) ?? self.directory.user(named: self.defaultUsername)
            guard let user else {
                return self.refuse(request, .serverError, "The scripted outcome names a user that does not exist: '\(username ?? self.defaultUsername)'.")
            }
            var granted = request.scopes
            if let scopes {
                // A script may grant fewer scopes, never more; openid stays, as on the consent page.
                granted = request.scopes.filter { scopes.contains($0) || $0 == StandardScope.openID }
            }
            return self.approve(request, user: user, scopes: granted, current: current, remember: false)
        case .deny:
            return self.refuse(request, .accessDenied, "The user denied the request (scripted).")
        case .error(let error):
            return self.refuse(request, OAuthErrorCode(rawValue: error.rawValue), "Scripted outcome \(error.rawValue).")
        }
    }

    // MARK: Answering

    /// Approves as `user` without interaction, reusing the browser's session when it fits.
    func approve(
        _ request: AuthorizeRequest, user: UserFixture, scopes: [String], current: (cookie: String, session: BrowserSession)?, remember: Bool
    ) -> AuthorizationDecision {
        if let current, current.session.subject == user.subject, self.sessionSatisfies(current.session, request) {
            self.consents.record(subject: user.subject, client: request.client, scopes: scopes, remember: remember, at: self.clock.now)
            return self.respond(request, user: user, scopes: scopes, session: current.session, newCookie: nil)
        }
        let started = self.sessions.startSession(subject: user.subject)
        self.consents.record(subject: user.subject, client: request.client, scopes: scopes, remember: remember, at: self.clock.now)
        return self.respond(request, user: user, scopes: scopes, session: started.session, newCookie: started.cookie)
    }

    /// Issues what the response type asks for and sends it to the client.
    func respond(
        _ request: AuthorizeRequest, user: UserFixture, scopes: [String], session: BrowserSession, newCookie: String?
    ) -> AuthorizationDecision {
        do {
            return .answer(try self.authorizationResponse(request, user: user, scopes: scopes, login: session.login), newCookie: newCookie)
        } catch {
            return self.refuse(request, .serverError, "The tokens could not be signed.")
        }
    }

    func authorizationResponse(_ request: AuthorizeRequest, user: UserFixture, scopes: [String], login: LoginSession) throws -> AuthorizationResponse {
        let lifetimes = self.lifetimes.applying(request.client)
        let familyID = TokenIdentifier.makeFamily()
        var parameters: [(name: String, value: String)] = []

        var code: String?
        if request.responseType.code {
            let newCode = TokenIdentifier.makeSecret()
            self.grants.storeCode(
                newCode,
                GrantStore.CodeRecord(
                    familyID: familyID, clientID: request.client.clientID, redirectURI: request.redirectURI, subject: user.subject,
                    scopes: scopes, nonce: request.nonce, pkce: request.pkce, login: login,
                    expiresAt: self.clock.nowSeconds + Int64(lifetimes.authorizationCode)))
            code = newCode
            parameters.append(("code", newCode))
        }
        var accessToken: IssuedAccessToken?
        if request.responseType.token {
            let issued = try self.tokenIssuer.issueAccessToken(
                for: AccessTokenGrant(
                    client: request.client, user: user, scopes: scopes, login: login, lifetime: lifetimes.accessToken, familyID: familyID))
            accessToken = issued
        }
        if request.responseType.idToken {
            let idToken = try self.tokenIssuer.issueIDToken(
                client: request.client, user: user, scopes: scopes, login: login, nonce: request.nonce, accessToken: accessToken?.token,
                code: code)
            parameters.append(("id_token", idToken))
        }
        if let accessToken {
            parameters.append(("access_token", accessToken.token))
            parameters.append(("token_type", "Bearer"))
            parameters.append(("expires_in", String(lifetimes.accessToken)))
        }
        parameters.append(("scope", scopes.joined(separator: " ")))
        if let state = request.state { parameters.append(("state", state)) }
        parameters.append(("iss", self.issuer.current.string))
        return AuthorizationResponse(redirectURI: request.redirectURI, mode: request.responseMode, parameters: parameters)
    }

    /// Sends an error to the client in the response mode it asked for.
    func refuse(_ request: AuthorizeRequest, _ code: OAuthErrorCode, _ description: String) -> AuthorizationDecision {
        .answer(
            AuthorizationResponse.error(
                code, description, redirectURI: request.redirectURI, mode: request.responseMode, state: request.state,
                issuer: self.issuer.current),
            newCookie: nil)
    }

    // MARK: Helpers

    /// Whether a session can serve this request without a new login: `prompt=login`, `max_age` and
    /// a `login_hint` naming someone else all ask for one.
    func sessionSatisfies(_ session: BrowserSession, _ request: AuthorizeRequest) -> Bool {
        if request.prompts.contains(.login) { return false }
        if let maxAge = request.maxAge, self.clock.nowSeconds - session.authTime > Int64(maxAge) { return false }
        if request.loginHint != nil, let hinted = self.hintedUser(request), hinted.subject != session.subject { return false }
        return true
    }

    /// The user `login_hint` names, by username, email or subject.
    func hintedUser(_ request: AuthorizeRequest) -> UserFixture? {
        guard let hint = request.loginHint else { return nil }
        if let user = self.directory.user(named: hint) ?? self.directory.user(subject: hint) { return user }
        return self.directory.snapshot.users.values.first { $0.email.caseInsensitiveCompare(hint) == .orderedSame }
    }

    private func unknownUserDescription(_ request: AuthorizeRequest) -> String {
        if let hint = request.loginHint { return "No user matches login_hint '\(hint)'." }
        return "The default user '\(self.defaultUsername)' does not exist."
    }
}
