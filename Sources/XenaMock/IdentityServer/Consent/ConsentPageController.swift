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

    /// What each scope means to the user.
    static let scopeDescriptions = [
        StandardScope.openID: "Your user identifier",
        StandardScope.profile: "Your profile: name, language and picture",
        StandardScope.email: "Your email address",
        StandardScope.offlineAccess: "Access while you are away (refresh tokens)",
    ]

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.path, method: .get) { request, _ in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            guard let pending = self.sessions.pending(id) else { return LoginController.expiredPage() }
            guard let (_, session) = self.session(for: pending, request: request),
                let user = self.directory.user(subject: session.subject)
            else { return LoginController.expiredPage() }
            return self.page(pendingID: id, request: pending.request, user: user)
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

    private func page(pendingID: String, request: AuthorizeRequest, user: UserFixture) -> Response {
        let items = request.scopes.map { scope in
            let description = Self.scopeDescriptions[scope] ?? "Your Xena data through the API (\(scope))"
            let locked = scope == StandardScope.openID ? " disabled" : ""
            return """
                <li><label><input type="checkbox" name="scope[]" value="\(HTML.escape(scope))" checked\(locked)> \
                <strong>\(HTML.escape(scope))</strong> — \(HTML.escape(description))</label></li>
                """
        }.joined(separator: "\n")
        return HTMLPage(
            title: "Allow access",
            body: """
                <h1>\(HTML.escape(request.client.clientName))</h1>
                <p>is asking for access as <strong>\(HTML.escape(user.name))</strong> (\(HTML.escape(user.username))) to:</p>
                <form method="post" action="\(HTML.escape(self.issuer.current.url(Self.path)))">
                \(HTML.hiddenInput("request", pendingID))
                <ul>
                \(items)
                </ul>
                <label><input type="checkbox" name="remember" value="on" checked> Remember my decision</label>
                <button type="submit" name="button" value="allow">Allow</button>
                <button type="submit" name="button" value="deny">Deny</button>
                </form>
                """
        ).response()
    }
}
