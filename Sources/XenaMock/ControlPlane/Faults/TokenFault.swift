import Synchronization

/// A defect put into an issued access token, so a client's handling of bad tokens can be tested.
public enum TokenFault: String, Sendable, Codable, CaseIterable {
    /// `exp` already past.
    case expired
    /// `nbf` an hour in the future.
    case notYetValid = "not-yet-valid"
    /// `iss` is not the server's issuer.
    case wrongIssuer = "wrong-issuer"
    /// `aud` is not `testapi`.
    case wrongAudience = "wrong-audience"
    /// The signature does not match.
    case badSignature = "bad-signature"
    /// The header names a key JWKS does not list.
    case unknownKeyID = "unknown-kid"
    /// Unsigned: `alg: none`.
    case algorithmNone = "alg-none"
    /// The API scopes are left out of `scope`.
    case missingScope = "missing-scope"
}

/// The token faults in force: rules for every token, and rules for the next N tokens.
public final class TokenFaultQueue: Sendable {
    /// A rule as the control API lists it.
    public struct Rule: Sendable, Equatable, Codable {
        /// The defect.
        public var fault: TokenFault
        /// How many more tokens it applies to; nil: every token.
        public var remaining: Int?

        /// A defect for the next `remaining` tokens, or all.
        public init(fault: TokenFault, remaining: Int? = nil) {
            self.fault = fault
            self.remaining = remaining
        }
    }

    private let initial: [Rule]
    private let rules: Mutex<[Rule]>

    /// A queue holding `rules`.
    public init(_ rules: [Rule] = []) {
        self.initial = rules
        self.rules = Mutex(rules)
    }

    /// Queues a defect.
    public func add(_ rule: Rule) {
        self.rules.withLock { $0.append(rule) }
    }

    /// The defects queued.
    public var active: [Rule] { self.rules.withLock { $0 } }

    /// Removes every defect.
    public func removeAll() {
        self.rules.withLock { $0.removeAll() }
    }

    /// Back to the defects the server started with.
    public func reset() {
        self.rules.withLock { $0 = self.initial }
    }

    /// The faults for the next token: every "all tokens" rule and the first counted one, which counts down.
    func next() -> Set<TokenFault> {
        self.rules.withLock { rules in
            guard !rules.isEmpty else { return [] }
            var faults = Set(rules.filter { $0.remaining == nil }.map(\.fault))
            if let index = rules.firstIndex(where: { $0.remaining != nil }) {
                faults.insert(rules[index].fault)
                let remaining = (rules[index].remaining ?? 1) - 1
                if remaining <= 0 { rules.remove(at: index) } else { rules[index].remaining = remaining }
            }
            return faults
        }
    }
}
