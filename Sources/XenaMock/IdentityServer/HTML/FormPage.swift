import Hummingbird

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
