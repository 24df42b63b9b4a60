import Hummingbird

/// The interactive login: `GET /account/login?request=ID` shows the form, `POST /account/login` checks the password;
/// a user with 2-step verification (`otp` in users.json) then gets the code page, `/account/otp`.
///
/// As on Xena, a user logs in with the username, the email address or a username alias. The demo users are listed
/// with one-click login (it is a test tool). Pages are Danish or English (`ui_locales`, else `Accept-Language`).
struct LoginController: Sendable {
    static let path = "/account/login"
    static let codePath = "/account/otp"

    let flow: AuthorizationFlow
    let sessions: BrowserSessionStore
    let directory: IdentityDirectory
    let issuer: PublicIssuer

    /// The login form's fields (the demo users' one-click forms send the same).
    struct LoginForm: Decodable {
        var request: String?
        var username: String?
        var password: String?
        /// `login` or `cancel`.
        var button: String?
    }

    /// The code form's fields.
    struct CodeForm: Decodable {
        var request: String?
        var code: String?
        /// `confirm` or `cancel`.
        var button: String?
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.path, method: .get) { request, _ in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            let pages = self.pages(for: request, pending: self.sessions.pending(id))
            guard let pending = self.sessions.pending(id) else { return pages.expired() }
            return pages.login(pendingID: id, username: pending.request.loginHint ?? "", error: nil)
        }
        routes.on(Self.path, method: .post) { request, context in
            guard !CrossSiteFormCheck.isCrossSite(request, issuer: self.issuer.current) else { return CrossSiteFormCheck.refusal() }
            let form = try await FormPage.decode(LoginForm.self, from: request, context: context)
            let pending = form.request.flatMap(self.sessions.pending)
            let pages = self.pages(for: request, pending: pending)
            guard let id = form.request, let pending else { return pages.expired() }
            if form.button == "cancel" { return self.cancel(id, pending) }
            let username = form.username ?? ""
            guard let user = self.directory.user(login: username), ClientAuthenticator.constantTimeEquals(user.password, form.password ?? "")
            else {
                return pages.login(pendingID: id, username: username, error: pages.text.wrongPassword)
            }
            if user.otp != nil {
                self.sessions.awaitCode(id, subject: user.subject)
                return Response(
                    status: .found,
                    headers: [.location: self.issuer.current.url(Self.codePath) + "?request=" + PercentEncoding.encode(id)])
            }
            return self.logIn(user, id, pending)
        }
        routes.on(Self.codePath, method: .get) { request, _ in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            let pending = self.sessions.pending(id)
            let pages = self.pages(for: request, pending: pending)
            guard pending?.awaitingCodeFrom != nil else { return pages.expired() }
            return pages.code(pendingID: id, error: nil)
        }
        routes.on(Self.codePath, method: .post) { request, context in
            guard !CrossSiteFormCheck.isCrossSite(request, issuer: self.issuer.current) else { return CrossSiteFormCheck.refusal() }
            let form = try await FormPage.decode(CodeForm.self, from: request, context: context)
            let pending = form.request.flatMap(self.sessions.pending)
            let pages = self.pages(for: request, pending: pending)
            guard let id = form.request, let pending, let subject = pending.awaitingCodeFrom, let user = self.directory.user(subject: subject)
            else { return pages.expired() }
            if form.button == "cancel" { return self.cancel(id, pending) }
            guard let code = user.otp, ClientAuthenticator.constantTimeEquals(code, (form.code ?? "").filter { !$0.isWhitespace }) else {
                return pages.code(pendingID: id, error: pages.text.wrongCode)
            }
            return self.logIn(user, id, pending)
        }
    }

    /// The pages in the language the request (or the browser) asks for.
    private func pages(for browser: Request, pending: BrowserSessionStore.PendingAuthorization?) -> LoginPages {
        let language = PageLanguage.choose(uiLocales: pending?.request.uiLocales ?? [], acceptLanguage: browser.headers[.acceptLanguage])
        return LoginPages(
            language: language, issuer: self.issuer.current, client: pending?.request.client,
            demoUsers: self.directory.snapshot.users.values.sorted { $0.username < $1.username })
    }

    private func logIn(_ user: UserFixture, _ id: String, _ pending: BrowserSessionStore.PendingAuthorization) -> Response {
        self.sessions.finishPending(id)
        let started = self.sessions.startSession(subject: user.subject)
        return self.flow.continueAfterLogin(pending.request, cookie: started.cookie, session: started.session, setCookie: true)
            .response(issuer: self.issuer.current)
    }

    private func cancel(_ id: String, _ pending: BrowserSessionStore.PendingAuthorization) -> Response {
        self.sessions.finishPending(id)
        return self.flow.refuse(pending.request, .accessDenied, "The user cancelled the login.").response(issuer: self.issuer.current)
    }

    /// The expired-request page for a request with no pending login (the consent page uses it too).
    static func expiredPage(language: PageLanguage = .english, issuer: IssuerURL? = nil) -> Response {
        LoginPages(language: language, issuer: issuer, client: nil, demoUsers: []).expired()
    }
}
