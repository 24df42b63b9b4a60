import Foundation

/// `GET /Api/swagger/docs/v1`: Xena's Swagger document as the mock serves it, with `host` and `schemes` pointing at
/// the mock and its OAuth server described as the security scheme, so Swagger tooling and client generators work
/// against the mock.
enum PublishedDocument {
    /// The real document's path, lower-cased.
    static let path = "/api/swagger/docs/v1"

    /// The document in `file`, pointed at `issuer` (the API shares the identity server's origin).
    static func make(file: URL, issuer: IssuerURL, host: String?) throws -> [UInt8] {
        guard case .object(var document) = try JSONValue.parse(try Data(contentsOf: file)) else {
            throw XenaAPIError.badRequest("The API description is not a JSON object.")
        }
        let scheme = issuer.string.hasPrefix("https") ? "https" : "http"
        let authority = host ?? String(issuer.origin.dropFirst(scheme.count + 3))
        document["host"] = .string(authority)
        document["schemes"] = [.string(scheme)]
        let scopes: JSONValue = [
            "openid": "Your user identifier", "profile": "Your name and picture", "email": "Your email address",
            "testapi": "The Xena API", "offline_access": "Access while you are away (refresh tokens)",
        ]
        document["securityDefinitions"] = [
            "oauth2": [
                "type": "oauth2", "flow": "accessCode", "authorizationUrl": .string(issuer.url("/connect/authorize")),
                "tokenUrl": .string(issuer.url("/connect/token")), "scopes": scopes,
            ],
            "bearer": ["type": "apiKey", "name": "Authorization", "in": "header", "description": "Bearer ACCESS_TOKEN from /connect/token"],
        ]
        document["security"] = [["oauth2": ["testapi"]], ["bearer": []]]
        return JSONValue.object(document).serialized()
    }
}
