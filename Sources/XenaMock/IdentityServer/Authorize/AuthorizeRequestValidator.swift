/// Checks an authorization request in the order RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6 require:
/// first the client and redirect URI (failures become an error page), then everything else
/// (failures go back to the client).
struct AuthorizeRequestValidator: Sendable {
    let directory: IdentityDirectory
    let issuer: PublicIssuer

    func validate(_ parameters: OAuthParameters) throws(AuthorizeFailure) -> AuthorizeRequest {
        guard let clientID = parameters["client_id"] else {
            throw .errorPage(code: .invalidRequest, description: "The client_id parameter is missing.")
        }
        guard let client = self.directory.client(id: clientID) else {
            throw .errorPage(code: .invalidClient, description: "Unknown client '\(clientID)'.")
        }
        guard let redirectURI = parameters["redirect_uri"] else {
            throw .errorPage(code: .invalidRequest, description: "The redirect_uri parameter is missing.")
        }
        guard RedirectURI.isRegistered(redirectURI, in: client.redirectURIs, issuer: self.issuer.current) else {
            throw .errorPage(code: .invalidRequest, description: "The redirect_uri '\(redirectURI)' is not registered for client '\(clientID)'.")
        }

        // From here on the client is told, in the response mode it asked for where that is usable.
        let state = parameters["state"]
        let responseType = parameters["response_type"].flatMap(ResponseType.init)
        let requestedMode = parameters["response_mode"].flatMap(ResponseMode.init(rawValue:))
        let errorMode = requestedMode ?? responseType?.defaultResponseMode ?? .query
        func refuse(_ code: OAuthErrorCode, _ description: String) -> AuthorizeFailure {
            .redirect(
                .error(code, description, redirectURI: redirectURI, mode: errorMode, state: state, issuer: self.issuer.current))
        }

        if parameters["request"] != nil {
            throw refuse(.requestNotSupported, "Request objects are not supported.")
        }
        if parameters["request_uri"] != nil {
            throw refuse(.requestURINotSupported, "The request_uri parameter is not supported.")
        }
        guard let rawResponseType = parameters["response_type"] else {
            throw refuse(.invalidRequest, "The response_type parameter is missing.")
        }
        guard let responseType else {
            throw refuse(
                .unsupportedResponseType,
                "The response_type '\(rawResponseType)' is not supported; use one of: \(ResponseType.supported.map(\.description).joined(separator: ", ")).")
        }
        guard client.allows(responseType.flow) else {
            throw refuse(.unauthorizedClient, "Client '\(clientID)' is not registered for the \(responseType.flow.rawValue) flow.")
        }
        if let rawMode = parameters["response_mode"], requestedMode == nil {
            throw refuse(.invalidRequest, "The response_mode '\(rawMode)' is not supported; use query, fragment or form_post.")
        }
        let mode = requestedMode ?? responseType.defaultResponseMode
        if mode == .query && (responseType.idToken || responseType.token) {
            throw refuse(.invalidRequest, "Tokens are never sent in the query; use response_mode fragment or form_post.")
        }

        let scopes = StandardScope.parse(parameters["scope"])
        guard !scopes.isEmpty else {
            throw refuse(.invalidRequest, "The scope parameter is missing.")
        }
        if let scope = scopes.first(where: { !client.allowedScopes.contains($0) }) {
            throw refuse(.invalidScope, "Client '\(clientID)' may not ask for the scope '\(scope)'.")
        }
        if responseType.idToken && !scopes.contains(StandardScope.openID) {
            throw refuse(.invalidRequest, "An id_token needs the openid scope.")
        }
        if scopes.contains(StandardScope.offlineAccess) && !responseType.code {
            throw refuse(.invalidScope, "offline_access needs a code: refresh tokens are never sent through the browser.")
        }

        let nonce = parameters["nonce"]
        if responseType.idToken && nonce == nil {
            throw refuse(.invalidRequest, "The nonce parameter is required when an id_token is returned from the authorize endpoint.")
        }

        var pkce: PKCEChallenge?
        if let challenge = parameters["code_challenge"] {
            do {
                pkce = try PKCEChallenge(challenge: challenge, method: parameters["code_challenge_method"])
            } catch {
                throw refuse(error.code, error.errorDescription ?? "The code challenge is not valid.")
            }
        } else if parameters["code_challenge_method"] != nil {
            throw refuse(.invalidRequest, "code_challenge_method was sent without a code_challenge.")
        }
        if responseType.code && pkce == nil && (client.isPublic || client.requirePKCE) {
            throw refuse(.invalidRequest, "Client '\(clientID)' must send a PKCE code_challenge (S256 or plain).")
        }

        let prompts = parameters["prompt"].map { $0.split(separator: " ").map(String.init) } ?? []
        var prompt = Set<Prompt>()
        for value in prompts {
            guard let parsed = Prompt(rawValue: value) else {
                throw refuse(.invalidRequest, "The prompt value '\(value)' is not supported; use none, login or consent.")
            }
            prompt.insert(parsed)
        }
        if prompts.contains("none") && prompts.count > 1 {
            throw refuse(.invalidRequest, "prompt=none cannot be combined with other prompt values.")
        }

        var maxAge: Int?
        if let rawMaxAge = parameters["max_age"] {
            guard let value = Int(rawMaxAge), InputBounds.maxAgeSeconds.contains(value) else {
                throw refuse(
                    .invalidRequest,
                    "max_age must be a whole number of seconds between \(InputBounds.maxAgeSeconds.lowerBound) and \(InputBounds.maxAgeSeconds.upperBound).")
            }
            maxAge = value
        }

        return AuthorizeRequest(
            client: client, redirectURI: redirectURI, responseType: responseType, responseMode: mode, scopes: scopes,
            state: state, nonce: nonce, pkce: pkce, prompts: prompt, maxAge: maxAge, loginHint: parameters["login_hint"],
            uiLocales: (parameters["ui_locales"] ?? "").split(separator: " ").map(String.init))
    }
}
