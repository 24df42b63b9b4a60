import HTTPTypes

/// One documented operation of the Xena API: a method on a path template, its parameters and its answer.
public struct APIOperation: Sendable {
    /// A segment of a path template: a literal matched case-insensitively, or a `{parameter}`.
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// `GET`, `POST`, `PUT` or `DELETE`.
    public var method: HTTPRequest.Method
    /// The documented template, e.g. `/Api/Fiscal/{fiscalId}/Order/{id}`.
    public var path: String
    /// The segments after `/Api`.
    public var segments: [Segment]
    /// The `{parameters}` of the path, by name.
    public var pathParameters: [String: APIParameter]
    /// The query parameters, in the document's order.
    public var queryParameters: [APIParameter]
    /// The schema of the `in: body` parameter, if any.
    public var body: APISchema?
    /// The documented success answer (`200`), if any.
    public var response: APISchema?
    /// The documented 404 text, e.g. "Article not found.".
    public var notFoundMessage: String?
    /// Marked `deprecated` in the document (it still answers).
    public var deprecated: Bool

    /// The literal segments, e.g. `["Fiscal", "Order"]`.
    var literals: [String] {
        self.segments.compactMap { if case .literal(let text) = $0 { text } else { nil } }
    }

    /// Whether the template ends in a parameter, as `GET Order/{id}` does.
    var endsInParameter: Bool {
        if case .parameter = self.segments.last { true } else { false }
    }
}

/// A path or query parameter: its name and the type a value must have.
public struct APIParameter: Sendable, Equatable {
    /// The name as the document spells it, e.g. `listOptions.pageSize`.
    public var name: String
    /// The type a value must parse as.
    public var type: APISchema.Kind
    /// `int32`, `int64`, `date-time`, …
    public var format: String?
    /// Whether a request without it is refused.
    public var isRequired: Bool
    /// The item type of an `array` parameter (`ids=1&ids=2`).
    public var itemType: APISchema.Kind?

    init(_ json: [String: JSONValue]) {
        self.name = json["name"]?.string ?? ""
        self.type = APISchema.Kind(rawValue: json["type"]?.string ?? "") ?? .any
        self.format = json["format"]?.string
        self.isRequired = json["required"]?.bool ?? false
        self.itemType = json["items"]?.object?["type"]?.string.flatMap(APISchema.Kind.init(rawValue:))
    }

    /// Why `text` is not a value of this parameter, or nil when it is.
    func problem(with text: Substring) -> String? {
        let kind = self.type == .array ? (self.itemType ?? .string) : self.type
        let values = self.type == .array ? text.split(separator: ",", omittingEmptySubsequences: false) : [text]
        for value in values {
            switch kind {
            case .integer:
                let fits = self.format == "int32" ? Int32(value) != nil : Int64(value) != nil
                if !fits {
                    let bits = self.format == "int32" ? "32" : "64"
                    return "The value '\(value)' is not valid for \(self.name): use a whole number that fits in \(bits) bits."
                }
            case .number:
                guard let number = Double(value), number.isFinite else {
                    return "The value '\(value)' is not valid for \(self.name): use a number."
                }
            case .boolean:
                guard ["true", "false"].contains(value.lowercased()) else {
                    return "The value '\(value)' is not valid for \(self.name): use true or false."
                }
            case .string where self.format == "date-time":
                guard APITimestamp.parse(String(value)) != nil else {
                    return "The value '\(value)' is not valid for \(self.name): use a date such as 2025-03-14 or 2025-03-14T09:12:44Z."
                }
            default:
                continue
            }
        }
        return nil
    }
}
