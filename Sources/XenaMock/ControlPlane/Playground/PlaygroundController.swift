import Hummingbird

/// The playground at `/_mock/playground`: a page that runs a login with a demo client in the browser against this mock
/// (code + PKCE, hybrid with form_post, implicit, client_credentials, refresh) and shows every step — the authorize URL,
/// the redirects, the token request and answer, the decoded tokens, a call to the Xena API — with the `curl` command
/// for each.
///
/// Its callback, `/_mock/playground/callback`, is the same page: clients that list `{issuer}/_mock/playground/callback`
/// among their redirect URIs (the demo clients do) can be driven from it. A form_post answer arrives as a POST, whose
/// parameters the server hands to the page's script in a data attribute; query and fragment answers the script reads
/// from its own address.
struct PlaygroundController: Sendable {
    static let pagePath = "\(ControlPaths.root)/playground"
    static let callbackPath = "\(ControlPaths.root)/playground/callback"
    static let scriptPath = "\(ControlPaths.root)/playground.js"

    /// The page, its callback and its script (no admin token: they hold no data but what the browser was sent; the
    /// script's calls to the control API carry the token).
    func addRoutes(to routes: EndpointRoutes) {
        routes.on(Self.pagePath, method: .get) { _, _ in ControlPageResponse.page(PlaygroundAssets.page(callbackParameters: nil)) }
        routes.on(Self.callbackPath, method: .get) { _, _ in ControlPageResponse.page(PlaygroundAssets.page(callbackParameters: nil)) }
        routes.on(Self.callbackPath, method: .post) { request, context in
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let parameters = (try? OAuthParameters(formEncoded: String(buffer: body)).values) ?? [:]
            return ControlPageResponse.page(PlaygroundAssets.page(callbackParameters: parameters))
        }
        routes.on(Self.scriptPath, method: .get) { _, _ in
            ControlPageResponse.asset(PlaygroundScript.text, type: "text/javascript; charset=utf-8")
        }
    }
}
