/// A protected API known to the identity server, as `api-resources.json` describes it.
///
/// Its name is the `aud` of access tokens for its scopes; its secret lets it call the introspection endpoint.
public struct APIResourceFixture: Codable, Sendable, Hashable {
    /// The resource name and token audience, e.g. `testapi`.
    public var name: String
    /// Secrets the resource authenticates with at the introspection endpoint.
    public var secrets: [String]
    /// The scopes that grant access to this resource.
    public var scopes: [String]

    /// A protected API: its name (the audience), secrets and scopes.
    public init(name: String, secrets: [String] = [], scopes: [String]) {
        self.name = name
        self.secrets = secrets
        self.scopes = scopes
    }
}
