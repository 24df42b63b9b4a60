import Foundation

/// The identities the identity server starts with: users, clients, API resources and the signing key.
///
/// Loaded from a fixtures directory:
/// `users.json`, `clients.json` and `api-resources.json` (JSON arrays), and an optional `signing-key.pem`.
public struct IdentityFixtures: Sendable {
    /// `users.json`.
    public var users: [UserFixture]
    /// `clients.json`.
    public var clients: [ClientFixture]
    /// `api-resources.json`.
    public var apiResources: [APIResourceFixture]
    /// A PEM RSA private key; when nil, a key is generated at start.
    public var signingKeyPEM: String?

    /// Identity fixtures given in memory.
    public init(users: [UserFixture], clients: [ClientFixture], apiResources: [APIResourceFixture], signingKeyPEM: String? = nil) {
        self.users = users
        self.clients = clients
        self.apiResources = apiResources
        self.signingKeyPEM = signingKeyPEM
    }

    /// Reads and validates the identity fixtures in `directory`.
    ///
    /// - Parameter displayDirectory: the directory as the user named it, used in error messages.
    public static func load(from directory: URL, displayDirectory: String) throws(ConfigurationError) -> IdentityFixtures {
        let usersFile = FixtureFile(directory: directory, name: "users.json", displayDirectory: displayDirectory)
        let clientsFile = FixtureFile(directory: directory, name: "clients.json", displayDirectory: displayDirectory)
        let resourcesFile = FixtureFile(directory: directory, name: "api-resources.json", displayDirectory: displayDirectory)
        let keyFile = FixtureFile(directory: directory, name: "signing-key.pem", displayDirectory: displayDirectory)

        let fixtures = IdentityFixtures(
            users: try usersFile.decode([UserFixture].self),
            clients: try clientsFile.decode([ClientFixture].self),
            apiResources: try resourcesFile.decode([APIResourceFixture].self),
            signingKeyPEM: keyFile.exists ? String(decoding: try keyFile.readData(), as: UTF8.self) : nil
        )
        if let problem = fixtures.validationProblem() {
            let file =
                switch problem.file {
                case .users: usersFile
                case .clients: clientsFile
                case .apiResources: resourcesFile
                }
            throw file.problem(at: problem.path, problem.message)
        }
        return fixtures
    }

    /// Which fixture a validation problem is in.
    enum FixtureKind {
        case users, clients, apiResources
    }

    struct ValidationProblem {
        let file: FixtureKind
        let path: [FixturePathKey]
        let message: String
    }

    /// Every scope a client may be registered for: the identity scopes and the API resources' scopes.
    var knownScopes: Set<String> {
        Set(StandardScope.identityScopes).union(self.apiResources.flatMap(\.scopes))
    }

    /// The first thing that makes these fixtures inconsistent, or nil when they are sound.
    func validationProblem() -> ValidationProblem? {
        var usernames = Set<String>()
        var subjects = Set<String>()
        var logins = Set(self.users.map { $0.email.lowercased() })
        for (index, user) in self.users.enumerated() {
            for (aliasIndex, alias) in (user.aliases ?? []).enumerated() {
                let path: [FixturePathKey] = [.index(index), .key("aliases"), .index(aliasIndex)]
                if alias.isEmpty || alias.contains(where: \.isWhitespace) { return .init(file: .users, path: path, message: "must be a word") }
                if !logins.insert(alias.lowercased()).inserted || self.users.contains(where: { $0.username.lowercased() == alias.lowercased() }) {
                    return .init(file: .users, path: path, message: "'\(alias)' is already another login name")
                }
            }
            if let otp = user.otp, otp.count != 6 || !otp.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return .init(file: .users, path: [.index(index), .key("otp")], message: "must be a 6-digit code, got '\(otp)'")
            }
            if !usernames.insert(user.username).inserted {
                return .init(file: .users, path: [.index(index), .key("username")], message: "'\(user.username)' is used by another user")
            }
            if !subjects.insert(user.subject).inserted {
                return .init(file: .users, path: [.index(index), .key("sub")], message: "'\(user.subject)' is used by another user")
            }
        }
        let scopes = self.knownScopes
        var clientIDs = Set<String>()
        for (index, client) in self.clients.enumerated() {
            if !clientIDs.insert(client.clientID).inserted {
                return .init(file: .clients, path: [.index(index), .key("client_id")], message: "'\(client.clientID)' is registered twice")
            }
            for (scopeIndex, scope) in client.allowedScopes.enumerated() where !scopes.contains(scope) {
                return .init(
                    file: .clients, path: [.index(index), .key("allowed_scopes"), .index(scopeIndex)],
                    message: "unknown scope '\(scope)' (known: \(scopes.sorted().joined(separator: ", ")))")
            }
            for (uriIndex, uri) in client.redirectURIs.enumerated() where !RedirectURI.isAbsolute(uri) {
                return .init(
                    file: .clients, path: [.index(index), .key("redirect_uris"), .index(uriIndex)], message: "'\(uri)' is not an absolute URI")
            }
            for (uriIndex, uri) in client.postLogoutRedirectURIs.enumerated() where !RedirectURI.isAbsolute(uri) {
                return .init(
                    file: .clients, path: [.index(index), .key("post_logout_redirect_uris"), .index(uriIndex)],
                    message: "'\(uri)' is not an absolute URI")
            }
            if client.allows(.clientCredentials) {
                guard let username = client.serviceAccountUser else {
                    return .init(
                        file: .clients, path: [.index(index), .key("service_account_user")],
                        message: "a client_credentials client needs the username of the user it acts for")
                }
                if !usernames.contains(username) {
                    return .init(
                        file: .clients, path: [.index(index), .key("service_account_user")], message: "no user named '\(username)' in users.json")
                }
                if client.isPublic {
                    return .init(
                        file: .clients, path: [.index(index), .key("client_secrets")], message: "a client_credentials client needs a secret")
                }
            }
            for (key, lifetime) in [
                ("access_token_lifetime", client.accessTokenLifetime), ("refresh_token_lifetime", client.refreshTokenLifetime),
                ("authorization_code_lifetime", client.authorizationCodeLifetime),
            ] {
                if let lifetime, !InputBounds.lifetimeSeconds.contains(lifetime) {
                    return .init(
                        file: .clients, path: [.index(index), .key(key)],
                        message: "must be between \(InputBounds.lifetimeSeconds.lowerBound) and \(InputBounds.lifetimeSeconds.upperBound) seconds")
                }
            }
        }
        var resourceNames = Set<String>()
        for (index, resource) in self.apiResources.enumerated() where !resourceNames.insert(resource.name).inserted {
            return .init(file: .apiResources, path: [.index(index), .key("name")], message: "'\(resource.name)' is listed twice")
        }
        return nil
    }
}
