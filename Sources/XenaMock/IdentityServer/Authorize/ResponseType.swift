/// The `response_type` values the authorize endpoint serves (OIDC Core §3, OAuth 2.0 Multiple Response Types).
public struct ResponseType: Sendable, Hashable, CustomStringConvertible {
    /// Whether a code is asked for.
    public let code: Bool
    /// Whether an id_token is asked for.
    public let idToken: Bool
    /// Whether an access token is asked for.
    public let token: Bool

    /// Every supported combination, in the order discovery lists them.
    public static let supported: [ResponseType] = [
        .init(code: true, idToken: false, token: false),
        .init(code: false, idToken: true, token: false),
        .init(code: false, idToken: true, token: true),
        .init(code: true, idToken: true, token: false),
        .init(code: true, idToken: false, token: true),
        .init(code: true, idToken: true, token: true),
    ]

    init(code: Bool, idToken: Bool, token: Bool) {
        self.code = code
        self.idToken = idToken
        self.token = token
    }

    /// Parses a space-delimited value in any order (`id_token code` equals `code id_token`); nil when unsupported.
    public init?(_ parameter: String) {
        let parts = parameter.split(separator: " ").map(String.init)
        guard !parts.isEmpty, Set(parts).count == parts.count, parts.allSatisfy({ ["code", "id_token", "token"].contains($0) }) else {
            return nil
        }
        let candidate = ResponseType(code: parts.contains("code"), idToken: parts.contains("id_token"), token: parts.contains("token"))
        guard Self.supported.contains(candidate) else { return nil }
        self = candidate
    }

    /// The flow this response type belongs to, which the client must be registered for.
    public var flow: ClientGrantType {
        switch (self.code, self.idToken || self.token) {
        case (true, false): .authorizationCode
        case (true, true): .hybrid
        default: .implicit
        }
    }

    /// Where the response goes when the request names no `response_mode`: the query for `code`,
    /// the fragment whenever a token travels in the front channel (OAuth 2.0 Multiple Response Types §5).
    public var defaultResponseMode: ResponseMode {
        self.flow == .authorizationCode ? .query : .fragment
    }

    /// The `response_type` value, e.g. `code id_token`.
    public var description: String {
        [self.code ? "code" : nil, self.idToken ? "id_token" : nil, self.token ? "token" : nil].compactMap { $0 }.joined(separator: " ")
    }
}

/// How the authorization response reaches the client.
public enum ResponseMode: String, Sendable, CaseIterable {
    case query
    case fragment
    /// An HTML page whose form posts the response to the redirect URI (OAuth 2.0 Form Post Response Mode).
    case formPost = "form_post"
}

/// The `prompt` parameter (OIDC Core §3.1.2.1).
public enum Prompt: String, Sendable, CaseIterable {
    case none
    case login
    case consent
}
