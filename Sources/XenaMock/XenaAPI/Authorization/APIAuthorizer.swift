import HTTPTypes
import JWTKit

/// Checks the bearer token of an API call the way Xena's ASP.NET API does, and finds the user it acts for
/// (a service-account token acts for its impersonated user).
struct APIAuthorizer: Sendable {
    /// The API resource name (the audience) and the scope the API requires.
    static let audience = "testapi"
    static let scope = "testapi"

    let validator: AccessTokenValidator
    let directory: IdentityDirectory

    func user(for headers: HTTPFields) async throws -> (UserFixture, AccessTokenClaims) {
        if headers[.authorization] == nil, headers[.xenaAPIKey] != nil {
            throw OAuthError(
                status: .unauthorized, code: .invalidRequest,
                description: "The XenaApiKey header is no longer supported; send an OAuth 2.0 access token as 'Authorization: Bearer'.",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        let claims = try await self.validator.validate(try AccessTokenValidator.bearerToken(in: headers))
        guard claims.scope.contains(Self.scope) else {
            throw OAuthError.insufficientScope(Self.scope, "The token lacks the \(Self.scope) scope that the Xena API requires.")
        }
        let audiences = claims.audience?.value ?? []
        guard audiences.contains(Self.audience) else {
            throw OAuthError.invalidToken("The audience '\(audiences.joined(separator: " "))' is invalid.")
        }
        guard let user = self.directory.user(subject: claims.subject) else {
            throw OAuthError.invalidToken("The user of this token no longer exists.")
        }
        return (user, claims)
    }
}

extension HTTPField.Name {
    /// Xena's legacy API key header, refused since 2023.
    static var xenaAPIKey: Self { .init("XenaApiKey")! }
}
