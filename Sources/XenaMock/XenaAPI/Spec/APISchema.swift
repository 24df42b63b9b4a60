/// A Swagger 2.0 schema, reduced to what the mock serves, generates and validates: its JSON type, format, bounds,
/// object properties and array items. A `$ref` stays a name, resolved through ``APISpecification/definitions``,
/// since definitions refer to themselves.
public struct APISchema: Sendable, Equatable {
    /// The JSON type; `any` where the document says nothing (`{"type": "object"}` without properties is an `object`).
    public enum Kind: String, Sendable, Equatable {
        case object, array, string, integer, number, boolean, any
    }

    public var kind: Kind
    /// The definition a `$ref` (or an `allOf` of one `$ref`) names.
    public var reference: String?
    public var format: String?
    public var readOnly = false
    public var properties: [String: APISchema] = [:]
    public var required: [String] = []
    /// Array items, or the value schema of an `additionalProperties` map: zero or one element.
    var itemSchemas: [APISchema] = []
    public var enumValues: [JSONValue]?
    public var minimum: Double?
    public var maximum: Double?
    public var minLength: Int?
    public var maxLength: Int?

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
