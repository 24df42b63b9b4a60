import Hummingbird

/// The interactive consent page: `GET /consent?request=ID` lists the client and its scopes with Allow and Deny,
/// `POST /consent` records the decision.
struct ConsentPageController: Sendable {
    static let path = "/consent"

    let flow: AuthorizationFlow
    let sessions: BrowserSessionStore
    let directory: IdentityDirectory
    let consents: ConsentRecordStore
    let clock: MockClock
    let issuer: PublicIssuer

    struct ConsentForm: Decodable {
        var request: String?
        /// `allow` or `deny`.
        var button: String?
        /// The scopes left ticked (`scope[]=openid&scope[]=testapi`).
        var scope: [String]?
        var remember: String?
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.path, method: .get) { request, _ in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            guard let pending = self.sessions.pending(id) else { return LoginController.expiredPage() }
            guard let (_, session) = self.session(for: pending, request: request),
                let user = self.directory.user(subject: session.subject)
            else { return LoginController.expiredPage() }
            return self.page(pendingID: id, request: pending.request, user: user, browser: request)
        }
        routes.on(Self.path, method: .post) { request, context in
            guard !CrossSiteFormCheck.isCrossSite(request, issuer: self.issuer.current) else { return CrossSiteFormCheck.refusal() }
            let form = try await FormPage.decode(ConsentForm.self, from: request, context: context)
            guard let id = form.request, let pending = self.sessions.pending(id),
                let (cookie, session) = self.session(for: pending, request: request),
                let user = self.directory.user(subject: session.subject)
            else { return LoginController.expiredPage() }
            self.sessions.finishPending(id)
            let authorization = pending.request
            guard form.button == "allow" else {
                return self.flow.refuse(authorization, .accessDenied, "The user denied the request.").response(issuer: self.issuer.current)
            }
            // Only requested scopes can be granted; openid cannot be unticked.
            let ticked = Set(form.scope ?? [])
            let granted = authorization.scopes.filter { ticked.contains($0) || $0 == StandardScope.openID }
            self.consents.record(
                subject: user.subject, client: authorization.client, scopes: granted, remember: form.remember != nil, at: self.clock.now)
            let newCookie = request.cookies[BrowserSessionStore.cookieName]?.value == cookie ? nil : cookie
            return self.flow.respond(authorization, user: user, scopes: granted, session: session, newCookie: newCookie)
                .response(issuer: self.issuer.current)
        }
    }

    /// The session the consent belongs to: the browser's cookie, or the one the login just started
    /// (a client without a cookie jar still gets through).
    private func session(for pending: BrowserSessionStore.PendingAuthorization, request: Request) -> (String, BrowserSession)? {
        if let current = self.sessions.session(for: request) { return current }
        guard let cookie = pending.cookie, let session = self.sessions.session(cookie: cookie) else { return nil }
        return (cookie, session)
    }

    /// The consent page in the language the request (or the browser) asks for: the app, each scope with what it grants,
    /// remember-my-decision, Allow and Deny.
    private func page(pendingID: String, request: AuthorizeRequest, user: UserFixture, browser: Request) -> Response {
        let language = PageLanguage.choose(uiLocales: request.uiLocales, acceptLanguage: browser.headers[.acceptLanguage])
        let text = language.text
        let items = request.scopes.enumerated().map { index, scope in
            let locked = scope == StandardScope.openID ? " disabled" : ""
            return """
                <li class="choice"><input type="checkbox" id="scope-\(index)" name="scope[]" value="\(HTML.escape(scope))" checked\(locked)> \
                <label for="scope-\(index)"><strong>\(HTML.escape(scope))</strong> — \(HTML.escape(text.describe(scope: scope)))</label></li>
                """
        }.joined(separator: "\n")
        return HTMLPage(
            title: text.consentTitle,
            body: """
                <h1>\(HTML.escape(request.client.clientName))</h1>
                <p>\(HTML.escape(text.asksForAccess("\(user.name) (\(user.username))")))</p>
                <form method="post" action="\(HTML.escape(self.issuer.current.url(Self.path)))">
                \(HTML.hiddenInput("request", pendingID))
                <fieldset>
                <legend>\(HTML.escape(text.scopesLegend))</legend>
                <ul>
                \(items)
                </ul>
                </fieldset>
                <p class="choice"><input type="checkbox" id="remember" name="remember" value="on" checked> \
                <label for="remember">\(HTML.escape(text.rememberLabel))</label></p>
                <div class="actions">
                <button type="submit" name="button" value="allow" class="primary">\(HTML.escape(text.allowButton))</button>
                <button type="submit" name="button" value="deny" class="secondary">\(HTML.escape(text.denyButton))</button>
                </div>
                </form>
                """,
            language: language, issuer: self.issuer.current
        ).response()
    }
}
