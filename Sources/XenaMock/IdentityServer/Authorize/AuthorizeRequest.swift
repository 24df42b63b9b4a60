/// An authorization request that passed validation: everything needed to ask for consent and answer the client.
public struct AuthorizeRequest: Sendable, Equatable {
    public var client: ClientFixture
    public var redirectURI: String
    public var responseType: ResponseType
    public var responseMode: ResponseMode
    /// The requested scopes, all of which the client may have.
    public var scopes: [String]
    public var state: String?
    public var nonce: String?
    public var pkce: PKCEChallenge?
    /// The `prompt` values; `none` never comes with another.
    public var prompts: Set<Prompt>
    /// Seconds since the last authentication beyond which the user must log in again.
    public var maxAge: Int?
    public var loginHint: String?
}
