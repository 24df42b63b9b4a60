import Crypto
import ExtrasBase64
import Foundation
import HTTPTypes

/// How a client proved who it is at the token, revocation or introspection endpoint.
public enum ClientAuthenticationMethod: String, Sendable, Equatable, CaseIterable {
    case clientSecretBasic = "client_secret_basic"
    case clientSecretPost = "client_secret_post"
    /// A public client sends only its `client_id`.
    case none
}

/// A client whose credentials checked out.
public struct AuthenticatedClient: Sendable, Equatable {
    /// The client that authenticated.
    public var client: ClientFixture
    /// How it did.
    public var method: ClientAuthenticationMethod
}

/// Client authentication per RFC 6749 §2.3: HTTP Basic or `client_id` + `client_secret` in the body,
/// never both, and `client_id` alone for public clients. An empty secret counts as none, in Basic
/// (`base64("client_id:")`) as in the body (`client_secret=`), as IdentityServer4 counts it.
struct ClientAuthenticator: Sendable {
    let directory: IdentityDirectory

    /// Credentials as the request presented them, before they are checked.
    struct Credentials: Equatable {
        var clientID: String
        var secret: String?
        var method: ClientAuthenticationMethod
    }

    func authenticate(headers: HTTPFields, parameters: OAuthParameters) throws(OAuthError) -> AuthenticatedClient {
        let credentials = try Self.credentials(headers: headers, parameters: parameters)
        let usedBasic = credentials.method == .clientSecretBasic
        guard let client = self.directory.client(id: credentials.clientID) else {
            throw .invalidClient("Unknown client '\(credentials.clientID)'.", basicChallenge: usedBasic)
        }
        switch (client.isPublic, credentials.secret) {
        case (true, nil):
            return AuthenticatedClient(client: client, method: .none)
        case (true, .some):
            throw .invalidClient("Client '\(client.clientID)' is a public client and has no secret.", basicChallenge: usedBasic)
        case (false, nil):
            throw .invalidClient("Client '\(client.clientID)' must authenticate with its secret.", basicChallenge: usedBasic)
        case (false, .some(let secret)):
            guard client.clientSecrets.contains(where: { Self.constantTimeEquals($0, secret) }) else {
                throw .invalidClient("The secret of client '\(client.clientID)' is wrong.", basicChallenge: usedBasic)
            }
            return AuthenticatedClient(client: client, method: credentials.method)
        }
    }

    /// Reads the credentials without judging them.
    static func credentials(headers: HTTPFields, parameters: OAuthParameters) throws(OAuthError) -> Credentials {
        if let authorization = headers[.authorization], authorization.lowercased().hasPrefix("basic ") {
            if parameters["client_secret"] != nil {
                throw .invalidRequest("Use one client authentication method: HTTP Basic or client_secret in the body, not both.")
            }
            let (clientID, secret) = try Self.decodeBasic(String(authorization.dropFirst("basic ".count)))
            if let bodyClientID = parameters["client_id"], bodyClientID != clientID {
                throw .invalidRequest("The client_id in the body differs from the one in the Authorization header.")
            }
            // As IdentityServer4's Basic parser does: `client_id:` with an empty password presents no secret, which a
            // public client may do (golang.org/x/oauth2 and Ruby's openid_connect send exactly that).
            return Credentials(clientID: clientID, secret: secret.isEmpty ? nil : secret, method: .clientSecretBasic)
        }
        guard let clientID = parameters["client_id"] else {
            throw .invalidClient("Client authentication is required: HTTP Basic, or client_id and client_secret in the body.")
        }
        if let secret = parameters["client_secret"] {
            return Credentials(clientID: clientID, secret: secret, method: .clientSecretPost)
        }
        return Credentials(clientID: clientID, secret: nil, method: .none)
    }

    /// `Basic base64(urlencode(id) ":" urlencode(secret))`, RFC 6749 §2.3.1.
    private static func decodeBasic(_ encoded: String) throws(OAuthError) -> (String, String) {
        guard let bytes = try? Base64.decode(string: String(encoded.trimmedSpacesAndTabs)), let text = String(bytes: bytes, encoding: .utf8),
            let colon = text.firstIndex(of: ":"),
            let clientID = Self.formDecode(text[..<colon]), let secret = Self.formDecode(text[text.index(after: colon)...]),
            !clientID.isEmpty
        else {
            throw .invalidClient("The Authorization header is not valid HTTP Basic credentials.", basicChallenge: true)
        }
        return (clientID, secret)
    }

    private static func formDecode(_ text: Substring) -> String? {
        PercentEncoding.decode(text.utf8, plusIsSpace: true, strictUTF8: true)
    }

    /// Compares secrets in time independent of where they differ, by comparing their digests.
    static func constantTimeEquals(_ expected: String, _ candidate: String) -> Bool {
        let lhs = SHA256.hash(data: Data(expected.utf8))
        let rhs = SHA256.hash(data: Data(candidate.utf8))
        return zip(lhs, rhs).reduce(0 as UInt8) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
