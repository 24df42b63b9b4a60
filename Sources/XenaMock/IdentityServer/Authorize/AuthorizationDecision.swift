import Hummingbird

/// What the authorization flow decided for a request; the controllers turn it into an HTTP response.
enum AuthorizationDecision: Sendable {
    /// The user must log in: the login page, for the request parked under `pendingID`.
    case logIn(pendingID: String)
    /// The user must consent: the consent page, for the request parked under `pendingID`; `newCookie` is the browser
    /// session a login just started.
    case consent(pendingID: String, newCookie: String?)
    /// The answer for the client's redirect URI, a success or an error; `newCookie` is a browser session just started.
    case answer(AuthorizationResponse, newCookie: String?)

    /// The HTTP response: a redirect to the login or consent page, or the answer in the client's response mode.
    /// Cookies get `Secure` when the issuer is https.
    func response(issuer: IssuerURL) -> Response {
        let secure = issuer.string.hasPrefix("https:")
        var response: Response
        let newCookie: String?
        switch self {
        case .logIn(let pendingID):
            response = Self.redirect(to: issuer.url(LoginController.path), pendingID: pendingID)
            newCookie = nil
        case .consent(let pendingID, let cookie):
            response = Self.redirect(to: issuer.url(ConsentPageController.path), pendingID: pendingID)
            newCookie = cookie
        case .answer(let answer, let cookie):
            response = answer.httpResponse()
            newCookie = cookie
        }
        if let newCookie { response.setCookie(BrowserSessionStore.cookie(newCookie, secure: secure)) }
        return response
    }

    private static func redirect(to url: String, pendingID: String) -> Response {
        Response(
            status: .found,
            headers: [.location: url + "?request=" + PercentEncoding.encode(pendingID), .cacheControl: "no-store"])
    }
}
