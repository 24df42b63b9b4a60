import Hummingbird

/// The text of an `application/x-www-form-urlencoded` request body, the one way the token, revocation, introspection,
/// login and consent endpoints read their forms.
enum FormEncodedBody {
    /// The body as text; anything not posted as a form is an `invalid_request`.
    static func text(of request: Request, context: some RequestContext) async throws -> String {
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/x-www-form-urlencoded") else {
            throw OAuthError.invalidRequest("The body must be application/x-www-form-urlencoded.")
        }
        return String(buffer: try await request.body.collect(upTo: context.maxUploadSize))
    }
}
