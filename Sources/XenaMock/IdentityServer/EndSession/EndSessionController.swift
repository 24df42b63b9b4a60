import Hummingbird

/// `GET` and `POST /connect/endsession` (OIDC RP-Initiated Logout): ends the browser session and sends the browser
/// to a registered `post_logout_redirect_uri` (with `state`), or shows a signed-out page.
struct EndSessionController: Sendable {
    let sessions: BrowserSessionStore
    let directory: IdentityDirectory
    let signer: TokenSigner
    let issuer: PublicIssuer

    func addRoutes(to routes: EndpointRoutes) {
        routes.on(EndpointPath.endSession, method: .get) { request, _ in
            try await self.endSession(try OAuthParameters.fromQuery(of: request), browser: request)
        }
        routes.on(EndpointPath.endSession, method: .post) { request, context in
            try await self.endSession(try await OAuthParameters.fromBody(of: request, context: context), browser: request)
        }
    }

    private func endSession(_ parameters: OAuthParameters, browser: Request) async throws -> Response {
        if let current = self.sessions.session(for: browser) {
            self.sessions.endSession(cookie: current.cookie)
        }
        var note: String?
        var client: ClientFixture?
        if let hint = parameters["id_token_hint"] {
            // An expired hint still says which client and session to end (OIDC RP-Initiated Logout §2).
            if let claims = try? await self.signer.verify(hint, as: IDTokenClaims.self), claims.issuer == self.issuer.current.string {
                client = self.directory.client(id: claims.audience)
            } else {
                note = "The id_token_hint was not issued by this server, so you are not sent back to the application."
            }
        }
        if let clientID = parameters["client_id"] {
            if let hinted = client, hinted.clientID != clientID {
                note = "The client_id does not match the id_token_hint, so you are not sent back to the application."
                client = nil
            } else if client == nil && note == nil {
                client = self.directory.client(id: clientID)
            }
        }

        var response: Response
        if let target = parameters["post_logout_redirect_uri"], let client,
            RedirectURI.isRegistered(target, in: client.postLogoutRedirectURIs, issuer: self.issuer.current)
        {
            var query: [(name: String, value: String)] = []
            if let state = parameters["state"] { query.append(("state", state)) }
            let location = query.isEmpty ? target : target + (target.contains("?") ? "&" : "?") + AuthorizationResponse.formEncode(query)
            response = Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
        } else {
            if parameters["post_logout_redirect_uri"] != nil && note == nil {
                note = "The post_logout_redirect_uri is not registered for this application, so you are not sent back to it."
            }
            let noteLine = note.map { "<p class=\"error\">\(HTML.escape($0))</p>" } ?? ""
            response = HTMLPage(title: "Signed out", body: "<h1>You are signed out</h1>\n\(noteLine)").response()
        }
        response.setCookie(BrowserSessionStore.expiredCookie(secure: self.issuer.current.string.hasPrefix("https:")))
        return response
    }
}
