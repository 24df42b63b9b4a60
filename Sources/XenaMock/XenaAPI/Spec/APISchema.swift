/// A Swagger 2.0 schema, reduced to what the mock serves, generates and validates: its JSON type, format, bounds,
/// object properties and array items. A `$ref` stays a name, resolved through ``APISpecification/definitions``,
/// since definitions refer to themselves.
public struct APISchema: Sendable, Equatable {
    /// The JSON type; `any` where the document says nothing (`{"type": "object"}` without properties is an `object`).
    public enum Kind: String, Sendable, Equatable {
        case object, array, string, integer, number, boolean, any
    }

    /// The JSON type a value must have.
    public var kind: Kind
    /// The definition a `$ref` (or an `allOf` of one `$ref`) names.
    public var reference: String?
    /// The document's `format`: `int32`, `int64`, `double`, `date-time`, …
    public var format: String?
    /// Set by the server; ignored in request bodies.
    public var readOnly = false
    /// The named properties of an object.
    public var properties: [String: APISchema] = [:]
    /// The properties a body must carry, non-null.
    public var required: [String] = []
    /// Array items, or the value schema of an `additionalProperties` map: zero or one element.
    var itemSchemas: [APISchema] = []
    /// The only values allowed, when the document lists them.
    public var enumValues: [JSONValue]?
    /// The smallest number allowed.
    public var minimum: Double?
    /// The largest number allowed.
    public var maximum: Double?
    /// The fewest characters a string may have.
    public var minLength: Int?
    /// The most characters a string may have.
    public var maxLength: Int?

    /// A schema of `kind`, or a reference to the definition `reference`.
    public init(kind: Kind, reference: String? = nil, format: String? = nil) {
        self.kind = kind
        self.reference = reference
        self.format = format
    }

    /// The items of an array or the values of a map.
    public var items: APISchema? { self.itemSchemas.first }

    /// A map (`additionalProperties`) rather than an object with named properties.
    public var isMap: Bool { self.kind == .object && self.properties.isEmpty && !self.itemSchemas.isEmpty }

    /// Reads a schema object of the document.
    init(_ json: JSONValue) {
        let members = json.object ?? [:]
        if let reference = members["$ref"]?.string {
            self.init(kind: .object, reference: Self.definitionName(reference))
        } else if let parts = members["allOf"]?.elements, let reference = parts.lazy.compactMap({ $0.object?["$ref"]?.string }).first {
            self.init(kind: .object, reference: Self.definitionName(reference))
        } else {
            self.init(kind: Kind(rawValue: members["type"]?.string ?? "") ?? .any, format: members["format"]?.string)
        }
        self.readOnly = members["readOnly"]?.bool ?? false
        for (name, property) in members["properties"]?.object ?? [:] {
            self.properties[name] = APISchema(property)
        }
        if !self.properties.isEmpty { self.kind = .object }
        self.required = members["required"]?.elements?.compactMap(\.string) ?? []
        if let items = members["items"] {
            self.itemSchemas = [APISchema(items)]
        } else if let values = members["additionalProperties"], values.object != nil {
            self.itemSchemas = [APISchema(values)]
        }
        self.enumValues = members["enum"]?.elements
        self.minimum = members["minimum"]?.number
        self.maximum = members["maximum"]?.number
        self.minLength = members["minLength"]?.integer.map { Int(clamping: $0) }
        self.maxLength = members["maxLength"]?.integer.map { Int(clamping: $0) }
    }

    /// `#/definitions/PagedResultSet[OrderDto]` → `PagedResultSet[OrderDto]`.
    static func definitionName(_ reference: String) -> String {
        let prefix = "#/definitions/"
        return reference.hasPrefix(prefix) ? String(reference.dropFirst(prefix.count)) : reference
    }
}
