import Hummingbird

/// The interactive login page: `GET /account/login?request=ID` shows the form, `POST /account/login` checks it.
struct LoginController: Sendable {
    static let path = "/account/login"

    let flow: AuthorizationFlow
    let sessions: BrowserSessionStore
    let directory: IdentityDirectory
    let issuer: PublicIssuer

    /// The login form's fields.
    struct LoginForm: Decodable {
        var request: String?
        var username: String?
        var password: String?
        /// `login` or `cancel`.
        var button: String?
    }

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.path, method: .get) { request, _ in
            let id = request.uri.queryParameters["request"].map(String.init) ?? ""
            guard let pending = self.sessions.pending(id) else { return Self.expiredPage() }
            return self.page(pendingID: id, username: pending.request.loginHint ?? "", error: nil, client: pending.request.client)
        }
        routes.on(Self.path, method: .post) { request, context in
            guard !CrossSiteFormCheck.isCrossSite(request, issuer: self.issuer.current) else { return CrossSiteFormCheck.refusal() }
            let form = try await FormPage.decode(LoginForm.self, from: request, context: context)
            guard let id = form.request, let pending = self.sessions.pending(id) else { return Self.expiredPage() }
            if form.button == "cancel" {
                self.sessions.finishPending(id)
                return self.flow.refuse(pending.request, .accessDenied, "The user cancelled the login.").response(issuer: self.issuer.current)
            }
            let username = form.username ?? ""
            guard let user = self.directory.user(named: username),
                ClientAuthenticator.constantTimeEquals(user.password, form.password ?? "")
            else {
                return self.page(pendingID: id, username: username, error: "Wrong username or password.", client: pending.request.client)
            }
            self.sessions.finishPending(id)
            let started = self.sessions.startSession(subject: user.subject)
            return self.flow.continueAfterLogin(pending.request, cookie: started.cookie, session: started.session, setCookie: true)
                .response(issuer: self.issuer.current)
        }
    }

    private func page(pendingID: String, username: String, error: String?, client: ClientFixture) -> Response {
        let errorLine = error.map { "<p class=\"error\" role=\"alert\">\(HTML.escape($0))</p>" } ?? ""
        return HTMLPage(
            title: "Log in",
            body: """
                <h1>Log in to Xena</h1>
                <p>\(HTML.escape(client.clientName)) asks you to log in.</p>
                \(errorLine)
                <form method="post" action="\(HTML.escape(self.issuer.current.url(Self.path)))">
                \(HTML.hiddenInput("request", pendingID))
                <label for="username">Username</label>
                <input type="text" id="username" name="username" value="\(HTML.escape(username))" autocomplete="username" autofocus>
                <label for="password">Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password">
                <button type="submit" name="button" value="login">Log in</button>
                <button type="submit" name="button" value="cancel">Cancel</button>
                </form>
                """
        ).response()
    }

    static func expiredPage() -> Response {
        HTMLPage(
            title: "Request expired",
            body: "<h1>This sign-in request has expired</h1><p class=\"error\">Go back to the application and start again.</p>"
        ).response(status: .badRequest)
    }
}

/// Reads the form bodies of the mock's own HTML pages.
enum FormPage {
    static func decode<Form: Decodable>(_ type: Form.Type, from request: Request, context: some RequestContext) async throws -> Form {
        let text = try await FormEncodedBody.text(of: request, context: context)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: text)
        } catch {
            throw OAuthError.invalidRequest("The form body is malformed.")
        }
    }
}
