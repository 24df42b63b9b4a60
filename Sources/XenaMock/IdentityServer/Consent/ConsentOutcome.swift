/// What one authorization request is made to end with, queued by a test.
///
/// In JSON (`--consent-script`, `POST /_mock/consent`) an outcome is an object or, without options, a bare string:
/// ```json
/// [{"outcome": "approve", "user": "bob", "scopes": ["openid", "testapi"]}, "deny", "login_required"]
/// ```
public enum ConsentOutcome: Sendable, Equatable, Codable {
    /// Approve as `user` (a username; nil: the `login_hint` user or the default user), granting `scopes`
    /// (nil: every requested scope; otherwise only those of them that were requested).
    case approve(user: String? = nil, scopes: [String]? = nil)
    /// The user refuses: `access_denied`.
    case deny
    /// One of the OIDC Core §3.1.2.6 or RFC 6749 §4.1.2.1 errors.
    case error(ConsentError)

    /// The errors a scripted outcome can produce.
    public enum ConsentError: String, Sendable, Codable, CaseIterable {
        case loginRequired = "login_required"
        case consentRequired = "consent_required"
        case interactionRequired = "interaction_required"
        case serverError = "server_error"
        case temporarilyUnavailable = "temporarily_unavailable"
    }

    private enum CodingKeys: String, CodingKey {
        case outcome, user, scopes
    }

    /// The `outcome` names accepted in JSON.
    public static let names = ["approve", "deny"] + ConsentError.allCases.map(\.rawValue)

    /// Decodes it from its JSON form.
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let name = try? single.decode(String.self) {
            self = try Self.named(name, user: nil, scopes: nil, codingPath: decoder.codingPath)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .outcome)
        self = try Self.named(
            name, user: try container.decodeIfPresent(String.self, forKey: .user),
            scopes: try container.decodeIfPresent([String].self, forKey: .scopes), codingPath: decoder.codingPath + [CodingKeys.outcome])
    }

    private static func named(_ name: String, user: String?, scopes: [String]?, codingPath: [any CodingKey]) throws -> ConsentOutcome {
        switch name {
        case "approve": return .approve(user: user, scopes: scopes)
        case "deny": return .deny
        default:
            guard let error = ConsentError(rawValue: name) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: codingPath, debugDescription: "unknown outcome '\(name)'; use one of \(names.joined(separator: ", "))"))
            }
            return .error(error)
        }
    }

    /// Encodes it in its JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .approve(let user, let scopes):
            try container.encode("approve", forKey: .outcome)
            try container.encodeIfPresent(user, forKey: .user)
            try container.encodeIfPresent(scopes, forKey: .scopes)
        case .deny:
            try container.encode("deny", forKey: .outcome)
        case .error(let error):
            try container.encode(error.rawValue, forKey: .outcome)
        }
    }
}
