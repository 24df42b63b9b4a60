import HTTPTypes

/// The documented paths as a tree of segments, matched as ASP.NET Web API matches them: literals case-insensitively
/// and before parameters, a parameter taking any one segment.
struct APIRouteTable: Sendable {
    /// The outcome of matching a request.
    enum Match {
        /// A documented operation, with the values of its path parameters by name.
        case operation(Int, parameters: [String: String])
        /// A documented path that does not offer this method.
        case methodNotAllowed(allowed: [HTTPRequest.Method])
        /// No documented path.
        case none
    }

    private struct Node: Sendable {
        var literals: [String: Int] = [:]
        var parameter: Int?
        var operations: [HTTPRequest.Method: Int] = [:]
    }

    private var nodes = [Node()]
    private let operationSegments: [[APIOperation.Segment]]
    /// Per operation, the positions of its integer path parameters, which match only numbers (`{id:long}`).
    private let numericPositions: [[Int]]

    /// Indexes `operations` by method and path; the `Int`s answered are indexes into this array.
    init(_ operations: [APIOperation]) {
        self.operationSegments = operations.map(\.segments)
        self.numericPositions = operations.map { operation in
            operation.segments.indices.filter { index in
                guard case .parameter(let name) = operation.segments[index] else { return false }
                return operation.pathParameters[name]?.type == .integer
            }
        }
        for (index, operation) in operations.enumerated() {
            var node = 0
            for segment in operation.segments {
                node = self.child(of: node, for: segment)
            }
            // The first documented operation wins where a method and path repeat.
            if self.nodes[node].operations[operation.method] == nil {
                self.nodes[node].operations[operation.method] = index
            }
        }
    }

    private mutating func child(of node: Int, for segment: APIOperation.Segment) -> Int {
        switch segment {
        case .literal(let text):
            if let existing = self.nodes[node].literals[text.lowercased()] { return existing }
            self.nodes.append(Node())
            self.nodes[node].literals[text.lowercased()] = self.nodes.count - 1
        case .parameter:
            if let existing = self.nodes[node].parameter { return existing }
            self.nodes.append(Node())
            self.nodes[node].parameter = self.nodes.count - 1
        }
        return self.nodes.count - 1
    }

    /// Matches the path segments after `/Api` (already percent-decoded).
    func match(_ method: HTTPRequest.Method, _ segments: [String]) -> Match {
        var allowed: [HTTPRequest.Method]?
        let lowered = segments.map { $0.lowercased() }
        // Numbers first, as route constraints choose (`User/FiscalSetup` is not `User/{id}`); then, so that text
        // where a number belongs is a 400 naming the parameter rather than no route, any text.
        var anyTextAllowed: [HTTPRequest.Method]?
        let found =
            self.find(method, lowered, from: 0, depth: 0, numeric: true, allowed: &allowed)
            ?? self.find(method, lowered, from: 0, depth: 0, numeric: false, allowed: &anyTextAllowed)
        allowed = allowed ?? anyTextAllowed
        if let index = found {
            var parameters: [String: String] = [:]
            for (segment, value) in zip(self.operationSegments[index], segments) {
                if case .parameter(let name) = segment { parameters[name] = value }
            }
            return .operation(index, parameters: parameters)
        }
        if let allowed { return .methodNotAllowed(allowed: allowed) }
        return .none
    }

    /// Depth-first, literals first; remembers the methods of the first path that matched without this method.
    private func find(
        _ method: HTTPRequest.Method, _ segments: [String], from node: Int, depth: Int, numeric: Bool, allowed: inout [HTTPRequest.Method]?
    ) -> Int? {
        let current = self.nodes[node]
        if depth == segments.count {
            if let index = current.operations[method], !numeric || self.accepts(index, segments) { return index }
            if allowed == nil {
                let order: [HTTPRequest.Method] = [.get, .post, .put, .delete]
                let offered = order.filter { current.operations[$0].map { !numeric || self.accepts($0, segments) } ?? false }
                if !offered.isEmpty { allowed = offered }
            }
            return nil
        }
        if let next = current.literals[segments[depth]],
            let found = self.find(method, segments, from: next, depth: depth + 1, numeric: numeric, allowed: &allowed)
        {
            return found
        }
        if let next = current.parameter, !segments[depth].isEmpty {
            return self.find(method, segments, from: next, depth: depth + 1, numeric: numeric, allowed: &allowed)
        }
        return nil
    }

    /// Whether the operation's integer parameters hold numbers here (of any length: one too large for 64 bits
    /// still matches, to be refused with a 400 naming the parameter).
    private func accepts(_ operation: Int, _ segments: [String]) -> Bool {
        self.numericPositions[operation].allSatisfy { position in
            let text = segments[position]
            let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
    }
}
