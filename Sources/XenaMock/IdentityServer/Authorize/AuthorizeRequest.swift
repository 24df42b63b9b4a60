/// An authorization request that passed validation: everything needed to ask for consent and answer the client.
public struct AuthorizeRequest: Sendable, Equatable {
    /// The client asking.
    public var client: ClientFixture
    /// The registered redirect URI it named.
    public var redirectURI: String
    /// What it asks for.
    public var responseType: ResponseType
    /// How the answer goes back.
    public var responseMode: ResponseMode
    /// The requested scopes, all of which the client may have.
    public var scopes: [String]
    /// `state`, echoed.
    public var state: String?
    /// `nonce`, put into the id_token.
    public var nonce: String?
    /// The PKCE challenge, if any.
    public var pkce: PKCEChallenge?
    /// The `prompt` values; `none` never comes with another.
    public var prompts: Set<Prompt>
    /// Seconds since the last authentication beyond which the user must log in again.
    public var maxAge: Int?
    /// `login_hint`: the user auto-approval logs in.
    public var loginHint: String?
    /// `ui_locales`: the languages the user prefers for the login and consent pages, most preferred first.
    public var uiLocales: [String] = []
}
