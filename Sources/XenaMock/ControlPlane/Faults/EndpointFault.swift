import Foundation

/// A fault the server injects into answers of one endpoint: an error status, a delay, a malformed body or a
/// dropped connection; once, N times, with a seeded probability, or always.
///
/// The spec grammar (`--fault`, `POST /_mock/faults {"spec": ...}`):
/// ```
/// TARGET[:PATH-PREFIX]:ACTION[,ACTION...][,OPTION...]
/// TARGET  authorize | token | userinfo | jwks | discovery | revocation | introspect | endsession | api | any
/// ACTION  status=CODE | error=OAUTH_ERROR | delay=MS | malformed | close
/// OPTION  once | always | times=N | probability=P | seed=S
/// ```
/// Examples: `token:status=503,times=2`, `api:/Api/Fiscal:delay=1500`, `userinfo:malformed,once`,
/// `any:close,probability=0.1,seed=7`, `token:status=400,error=invalid_grant`.
public struct EndpointFault: Sendable, Equatable, Codable {
    /// The endpoint; nil means any endpoint (never the control API or `/healthz`).
    public var target: EndpointKind?
    /// For `api`: only paths starting with this prefix (case-insensitive).
    public var pathPrefix: String?
    /// An HTTP status to answer with, with a fitting error body.
    public var status: Int?
    /// The `error` code of that body; default: the usual one for the status.
    public var error: String?
    /// Milliseconds to wait before answering (alone: then the real answer).
    public var delayMilliseconds: Int?
    /// Answer 200 with a body that is not valid JSON.
    public var malformed: Bool
    /// Close the connection without answering.
    public var close: Bool
    /// How many more requests it applies to; nil: every request.
    public var times: Int?
    /// The chance that a matching request is hit, 0...1; nil: always.
    public var probability: Double?
    /// Seed of the probability's random numbers, so runs repeat.
    public var seed: UInt64?

    /// A value given field by field.
    public init(
        target: EndpointKind?, pathPrefix: String? = nil, status: Int? = nil, error: String? = nil, delayMilliseconds: Int? = nil,
        malformed: Bool = false, close: Bool = false, times: Int? = nil, probability: Double? = nil, seed: UInt64? = nil
    ) {
        self.target = target
        self.pathPrefix = pathPrefix
        self.status = status
        self.error = error
        self.delayMilliseconds = delayMilliseconds
        self.malformed = malformed
        self.close = close
        self.times = times
        self.probability = probability
        self.seed = seed
    }

    /// Endpoints a fault can target.
    static let targets: [EndpointKind] = [.authorize, .token, .userinfo, .jwks, .discovery, .revocation, .introspect, .endSession, .api]

    /// The endpoint a target name means (`any`: nil), case-insensitively.
    static func target(named name: String) throws(ConfigurationError) -> EndpointKind? {
        if name.lowercased() == "any" { return nil }
        guard let kind = EndpointKind(rawValue: name.lowercased()), Self.targets.contains(kind) else {
            throw ConfigurationError("unknown target '\(name)'; use \((Self.targets.map(\.rawValue) + ["any"]).joined(separator: ", "))")
        }
        return kind
    }

    /// Parses the spec grammar; the error says what is wrong in one line.
    public init(spec: String) throws(ConfigurationError) {
        let parts = spec.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2 else {
            throw ConfigurationError("fault '\(spec)': expected TARGET:ACTION, e.g. token:status=503,times=2")
        }
        let target: EndpointKind?
        do {
            target = try Self.target(named: parts[0])
        } catch {
            throw ConfigurationError("fault '\(spec)': \(error.message)")
        }
        var actions = parts[1]
        var prefix: String?
        if parts.count == 3 {
            guard target == .api, parts[1].hasPrefix("/") else {
                throw ConfigurationError("fault '\(spec)': only the api target takes a path prefix, e.g. api:/Api/Fiscal:status=500")
            }
            prefix = parts[1]
            actions = parts[2]
        }
        self.init(target: target, pathPrefix: prefix)
        for item in actions.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            // Never empty: "=" gives ["", ""], so the name is always there (possibly empty, then unknown).
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let name = pair.first ?? ""
            let value = pair.count == 2 ? pair[1] : nil
            switch (name.lowercased(), value) {
            case ("status", .some(let text)):
                guard let code = Int(text) else { throw ConfigurationError("fault '\(spec)': status must be a number") }
                self.status = code
            case ("error", .some(let text)) where !text.isEmpty: self.error = text
            case ("delay", .some(let text)):
                guard let milliseconds = Int(text) else { throw ConfigurationError("fault '\(spec)': delay must be a number of milliseconds") }
                self.delayMilliseconds = milliseconds
            case ("malformed", nil): self.malformed = true
            case ("close", nil): self.close = true
            case ("once", nil): self.times = 1
            case ("always", nil): self.times = nil
            case ("times", .some(let text)):
                guard let times = Int(text) else { throw ConfigurationError("fault '\(spec)': times must be a number") }
                self.times = times
            case ("probability", .some(let text)):
                guard let probability = Double(text), (0...1).contains(probability) else {
                    throw ConfigurationError("fault '\(spec)': probability must be between 0 and 1")
                }
                self.probability = probability
            case ("seed", .some(let text)):
                guard let seed = UInt64(text) else { throw ConfigurationError("fault '\(spec)': seed must be a non-negative integer") }
                self.seed = seed
            default:
                throw ConfigurationError(
                    "fault '\(spec)': unknown '\(item)'; use status=CODE, error=CODE, delay=MS, malformed, close, once, always, times=N, probability=P, seed=S")
            }
        }
        try self.validate(spec: spec)
    }

    /// Checks a fault however it was built (spec or JSON).
    func validate(spec: String? = nil) throws(ConfigurationError) {
        let name = spec.map { "fault '\($0)'" } ?? "fault"
        let outcomes = [self.status != nil, self.malformed, self.close].filter { $0 }.count
        if outcomes > 1 { throw ConfigurationError("\(name): choose one of status, malformed and close") }
        if outcomes == 0 && self.delayMilliseconds == nil {
            throw ConfigurationError("\(name): needs an action: status=CODE, delay=MS, malformed or close")
        }
        if self.error != nil && self.status == nil { throw ConfigurationError("\(name): error=… goes with status=…") }
        if let status = self.status, let problem = InputBounds.problem("status", status, in: InputBounds.faultStatus) {
            throw ConfigurationError("\(name): \(problem)")
        }
        if let times = self.times, let problem = InputBounds.problem("times", times, in: InputBounds.faultCount) {
            throw ConfigurationError("\(name): \(problem)")
        }
        if let probability = self.probability, !(0...1).contains(probability) {
            throw ConfigurationError("\(name): probability must be between 0 and 1")
        }
        if let delay = self.delayMilliseconds, let problem = InputBounds.problem("delay", delay, in: InputBounds.delayMilliseconds, unit: "milliseconds") {
            throw ConfigurationError("\(name): \(problem)")
        }
        if self.pathPrefix != nil && self.target != .api { throw ConfigurationError("\(name): only the api target takes a path prefix") }
        if let target = self.target, !Self.targets.contains(target) {
            throw ConfigurationError("\(name): \(target.rawValue) cannot be faulted")
        }
    }

    enum CodingKeys: String, CodingKey {
        case target, pathPrefix, status, error, delay, malformed, close, times, probability, seed
    }

    /// JSON form: `{"target": "token", "status": 503, "times": 2}`; `target` may be `any`, `delay` is milliseconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            self.target = try Self.target(named: try container.decode(String.self, forKey: .target))
        } catch let error as ConfigurationError {
            throw DecodingError.dataCorruptedError(forKey: .target, in: container, debugDescription: error.message)
        }
        self.pathPrefix = try container.decodeIfPresent(String.self, forKey: .pathPrefix)
        self.status = try container.decodeIfPresent(Int.self, forKey: .status)
        self.error = try container.decodeIfPresent(String.self, forKey: .error)
        self.delayMilliseconds = try container.decodeIfPresent(Int.self, forKey: .delay)
        self.malformed = try container.decodeIfPresent(Bool.self, forKey: .malformed) ?? false
        self.close = try container.decodeIfPresent(Bool.self, forKey: .close) ?? false
        self.times = try container.decodeIfPresent(Int.self, forKey: .times)
        self.probability = try container.decodeIfPresent(Double.self, forKey: .probability)
        self.seed = try container.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Encodes it in its JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.target?.rawValue ?? "any", forKey: .target)
        try container.encodeIfPresent(self.pathPrefix, forKey: .pathPrefix)
        try container.encodeIfPresent(self.status, forKey: .status)
        try container.encodeIfPresent(self.error, forKey: .error)
        try container.encodeIfPresent(self.delayMilliseconds, forKey: .delay)
        if self.malformed { try container.encode(true, forKey: .malformed) }
        if self.close { try container.encode(true, forKey: .close) }
        try container.encodeIfPresent(self.times, forKey: .times)
        try container.encodeIfPresent(self.probability, forKey: .probability)
        try container.encodeIfPresent(self.seed, forKey: .seed)
    }

    /// Whether this fault is for a request to `kind` at `path`.
    func matches(_ kind: EndpointKind, path: String) -> Bool {
        guard !kind.isInfrastructure else { return false }
        if let target = self.target, target != kind { return false }
        if let prefix = self.pathPrefix, !path.lowercased().hasPrefix(prefix.lowercased()) { return false }
        return true
    }

    /// The usual `error` code for a status at an endpoint.
    func errorCode(for kind: EndpointKind) -> OAuthErrorCode {
        if let error = self.error { return OAuthErrorCode(rawValue: error) }
        switch self.status ?? 500 {
        case 400: return kind == .token ? .invalidGrant : .invalidRequest
        case 401: return kind == .userinfo || kind == .api ? .invalidToken : .invalidClient
        case 403: return kind == .userinfo || kind == .api ? .insufficientScope : .accessDenied
        case 429, 502, 503, 504: return .temporarilyUnavailable
        default: return .serverError
        }
    }
}
