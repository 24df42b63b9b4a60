import DequeModule
import Foundation
import Synchronization

/// The requests the server answered, newest last, for tests that assert on what their app sent.
///
/// Secrets never enter it: passwords, client secrets, codes, verifiers and tokens are replaced by `[redacted]`,
/// and the `Authorization` header keeps only its scheme (and, for Basic, the client id). It keeps the last
/// `capacity` requests.
public final class RequestJournal: Sendable {
    /// One answered request.
    public struct Entry: Sendable, Equatable, Codable {
        /// Its number, counting from 1 since start.
        public var id: Int
        /// When it arrived, on the mock's clock.
        public var time: Date
        /// The HTTP method.
        public var method: String
        /// The path, without the query.
        public var path: String
        /// Which endpoint it was for.
        public var endpoint: EndpointKind
        /// Query and form parameters, redacted.
        public var parameters: [String: String]
        /// `Authorization` without its secret part, e.g. `Basic demo-service.xena.biz:[redacted]` or `Bearer [redacted]`.
        public var authorization: String?
        /// The status answered.
        public var status: Int
        /// Where a redirect sent the browser (`Location`), with codes and tokens in its query and fragment redacted.
        public var location: String?
        /// How long the answer took.
        public var durationMilliseconds: Double
    }

    /// Parameter names whose values are secrets.
    static let secretParameters: Set<String> = [
        "client_secret", "password", "code", "code_verifier", "refresh_token", "access_token", "id_token", "token", "id_token_hint",
        "client_assertion",
    ]

    private struct State {
        var entries: Deque<Entry> = []
        var nextID = 1
    }

    private let state = Mutex(State())
    /// How many entries are kept; older ones are dropped.
    public let capacity: Int

    /// A journal keeping the last `capacity` requests.
    public init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    func record(
        time: Date, method: String, path: String, endpoint: EndpointKind, parameters: [String: String], authorization: String?, status: Int,
        location: String? = nil, durationMilliseconds: Double
    ) {
        var redacted: [String: String] = [:]
        for (name, value) in parameters {
            redacted[name] = Self.secretParameters.contains(name.lowercased()) ? "[redacted]" : value
        }
        self.state.withLock { state in
            state.entries.append(
                Entry(
                    id: state.nextID, time: time, method: method, path: path, endpoint: endpoint, parameters: redacted,
                    authorization: authorization.map(Self.redactAuthorization), status: status,
                    location: location.map(Self.redactLocation), durationMilliseconds: durationMilliseconds))
            state.nextID += 1
            if state.entries.count > self.capacity { state.entries.removeFirst(state.entries.count - self.capacity) }
        }
    }

    /// The id the next recorded request gets: it changes with every request, for the dashboard's change feed.
    var nextID: Int { self.state.withLock(\.nextID) }

    /// The recorded requests, oldest first, optionally only those for one endpoint.
    public func entries(endpoint: EndpointKind? = nil) -> [Entry] {
        self.state.withLock { state in state.entries.filter { endpoint == nil || $0.endpoint == endpoint } }
    }

    /// Forgets every entry.
    public func removeAll() {
        self.state.withLock { $0.entries.removeAll() }
    }

    /// `location` with the values of secret parameters in its query and fragment replaced by `[redacted]`.
    static func redactLocation(_ location: String) -> String {
        var result = ""
        var name = ""
        var readingName = false
        var redacting = false
        for character in location {
            switch character {
            case "?", "#", "&":
                readingName = true
                redacting = false
                name = ""
                result.append(character)
            case "=" where readingName:
                readingName = false
                result.append(character)
                if self.secretParameters.contains((name.removingPercentEncoding ?? name).lowercased()) {
                    redacting = true
                    result += "[redacted]"
                }
            default:
                if redacting { continue }
                if readingName { name.append(character) }
                result.append(character)
            }
        }
        return result
    }

    static func redactAuthorization(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return "[redacted]" }
        let scheme = String(parts[0])
        if scheme.lowercased() == "basic", let decoded = Data(base64Encoded: String(parts[1])).flatMap({ String(data: $0, encoding: .utf8) }),
            let colon = decoded.firstIndex(of: ":")
        {
            return "\(scheme) \(decoded[..<colon]):[redacted]"
        }
        return "\(scheme) [redacted]"
    }
}
