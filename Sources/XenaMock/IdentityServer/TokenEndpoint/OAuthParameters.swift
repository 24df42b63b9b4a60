import Hummingbird

/// The parameters of an OAuth request, from an `application/x-www-form-urlencoded` body or a query string.
///
/// Empty values count as absent (RFC 6749 §3.1) and a parameter sent twice is an `invalid_request`
/// (RFC 6749 §3.1, §3.2).
public struct OAuthParameters: Sendable, Equatable {
    /// Every parameter as sent, empty values included.
    public private(set) var values: [String: String]

    /// Parameters from a dictionary (each name once).
    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// Decodes form-encoded text (`a=1&b=two+words`).
    public init(formEncoded text: String) throws(OAuthError) {
        guard !text.isEmpty else {
            self.values = [:]
            return
        }
        do {
            self.values = try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch let error as URLEncodedFormError where error.code == .duplicateKeys {
            throw .invalidRequest("A parameter was sent more than once (\(error.value)).")
        } catch {
            throw .invalidRequest("The request parameters are not valid form encoding.")
        }
    }

    /// Reads the parameters of a POST body, which must be form-encoded.
    static func fromBody(of request: Request, context: some RequestContext) async throws -> OAuthParameters {
        try OAuthParameters(formEncoded: try await FormEncodedBody.text(of: request, context: context))
    }

    /// Reads the parameters of a query string.
    static func fromQuery(of request: Request) throws(OAuthError) -> OAuthParameters {
        try OAuthParameters(formEncoded: request.uri.query ?? "")
    }

    /// The value of `name`, or nil when it is absent or empty.
    public subscript(_ name: String) -> String? {
        guard let value = self.values[name], !value.isEmpty else { return nil }
        return value
    }

    /// The value of `name`, or an `invalid_request` naming it.
    public func required(_ name: String) throws(OAuthError) -> String {
        guard let value = self[name] else { throw .invalidRequest("The \(name) parameter is required.") }
        return value
    }
}
