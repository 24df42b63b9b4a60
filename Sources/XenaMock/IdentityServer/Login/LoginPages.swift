import Hummingbird

/// The login, one-time-code and expired pages, in one language.
struct LoginPages {
    let language: PageLanguage
    let issuer: IssuerURL?
    /// The client that asks the user to log in.
    let client: ClientFixture?
    /// The users listed for one-click login.
    let demoUsers: [UserFixture]

    var text: PageText { self.language.text }

    private func action(_ path: String) -> String { HTML.escape(self.issuer?.url(path) ?? path) }

    func login(pendingID: String, username: String, error: String?) -> Response {
        let text = self.text
        let errorLine = error.map { "<p class=\"error\" role=\"alert\" id=\"login-error\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "" : " aria-describedby=\"login-error\""
        let demo = self.demoUsers.map { user in
            """
            <form method="post" action="\(self.action(LoginController.path))">
            \(HTML.hiddenInput("request", pendingID))\(HTML.hiddenInput("username", user.username))\(HTML.hiddenInput("password", user.password))
            <button type="submit" name="button" value="login" class="link">\(HTML.escape(text.logInAs("\(user.name) (\(user.username))")))</button>\
            \(user.otp.map { " <span class=\"muted\">OTP \(HTML.escape($0))</span>" } ?? "")
            </form>
            """
        }.joined(separator: "\n")
        return HTMLPage(
            title: text.logInTitle,
            body: """
                <h1>\(HTML.escape(text.logInHeading))</h1>
                \(self.client.map { "<p>\(HTML.escape(text.asksToLogIn($0.clientName)))</p>" } ?? "")
                \(errorLine)
                <form method="post" action="\(self.action(LoginController.path))">
                \(HTML.hiddenInput("request", pendingID))
                <label for="username">\(HTML.escape(text.usernameLabel))</label>
                <input type="text" id="username" name="username" value="\(HTML.escape(username))" autocomplete="username" required\(described)>
                <label for="password">\(HTML.escape(text.passwordLabel))</label>
                <input type="password" id="password" name="password" autocomplete="current-password"\(described)>
                <div class="actions">
                <button type="submit" name="button" value="login" class="primary">\(HTML.escape(text.logInButton))</button>
                <button type="submit" name="button" value="cancel" class="secondary" formnovalidate>\(HTML.escape(text.cancelButton))</button>
                </div>
                </form>
                <section class="demo" aria-labelledby="demo-users">
                <h2 id="demo-users">\(HTML.escape(text.demoUsersHeading))</h2>
                <p class="muted">\(HTML.escape(text.demoUsersNote))</p>
                \(demo)
                </section>
                """,
            language: self.language, issuer: self.issuer
        ).response()
    }

    func code(pendingID: String, error: String?) -> Response {
        let text = self.text
        let errorLine = error.map { "<p class=\"error\" role=\"alert\" id=\"code-error\">\(HTML.escape($0))</p>" } ?? ""
        let described = error == nil ? "" : " aria-describedby=\"code-error\""
        return HTMLPage(
            title: text.codeTitle,
            body: """
                <h1>\(HTML.escape(text.codeHeading))</h1>
                <p>\(HTML.escape(text.codeExplanation))</p>
                \(errorLine)
                <form method="post" action="\(self.action(LoginController.codePath))">
                \(HTML.hiddenInput("request", pendingID))
                <label for="code">\(HTML.escape(text.codeLabel))</label>
                <input type="text" id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required\(described)>
                <div class="actions">
                <button type="submit" name="button" value="confirm" class="primary">\(HTML.escape(text.confirmButton))</button>
                <button type="submit" name="button" value="cancel" class="secondary" formnovalidate>\(HTML.escape(text.cancelButton))</button>
                </div>
                </form>
                """,
            language: self.language, issuer: self.issuer
        ).response()
    }

    func expired() -> Response {
        HTMLPage(
            title: self.text.expiredTitle,
            body: "<h1>\(HTML.escape(self.text.expiredHeading))</h1><p class=\"error\">\(HTML.escape(self.text.expiredExplanation))</p>",
            language: self.language, issuer: self.issuer
        ).response(status: .badRequest)
    }
}
