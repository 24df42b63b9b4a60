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
    ///
    /// Plain names are read here in one pass; a name with brackets (`a[b]=c`) goes to Hummingbird's decoder, which
    /// knows that grammar (and refuses it for a flat list). Both read the same way: pairs without `=` are skipped, `+`
    /// in a value is a space, a bad `%` escape or a repeated name is an `invalid_request`. Hummingbird's decoder for
    /// every request cost a tenth of a login's CPU.
    public init(formEncoded text: String) throws(OAuthError) {
        guard !text.isEmpty else {
            self.values = [:]
            return
        }
        if let values = try Self.plainForm(text) {
            self.values = values
            return
        }
        do {
            self.values = try URLEncodedFormDecoder().decode([String: String].self, from: text)
        } catch let error as URLEncodedFormError where error.code == .duplicateKeys {
            throw .invalidRequest("A parameter was sent more than once (\(error.value)).")
        } catch {
            throw Self.notFormEncoding
        }
    }

    private static let notFormEncoding = OAuthError.invalidRequest("The request parameters are not valid form encoding.")

    /// The pairs of `text`, or nil when a name has brackets.
    private static func plainForm(_ text: String) throws(OAuthError) -> [String: String]? {
        var values: [String: String] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&")) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else { continue }
            guard let name = PercentEncoding.decode(pair[..<equals], plusIsSpace: false) else { throw Self.notFormEncoding }
            if name.utf8.contains(UInt8(ascii: "[")) { return nil }
            guard let value = PercentEncoding.decode(pair[pair.index(after: equals)...], plusIsSpace: true) else { throw Self.notFormEncoding }
            guard values.updateValue(value, forKey: name) == nil else {
                throw .invalidRequest("A parameter was sent more than once (\(name)).")
            }
        }
        return values
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
