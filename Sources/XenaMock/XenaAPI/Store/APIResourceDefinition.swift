/// How the stub API treats one resource, from `fixtures/api/resources.json`.
///
/// Every field is optional: a resource with no entry (a new `Project.json` dropped into a fiscal's folder)
/// gets plain CRUD with no required fields and free-text search over all its strings.
public struct APIResourceDefinition: Codable, Sendable, Equatable {
    /// The name in messages such as "Order not found."; default: the resource name.
    public var entityName: String?
    /// A route other than the resource name under `/Api/Fiscal/{fiscalId}/`, e.g. `Order/Invoice`.
    public var route: String?
    /// Fields a create or update must carry (non-null).
    public var required: [String]
    /// Fields the server computes; values in a request body are ignored.
    public var readOnly: [String]
    /// Fields that must hold an absolute `http` or `https` URL with a host, e.g. a webhook's `CallBackUrl`.
    public var urls: [String]
    /// Dotted paths `queryString` searches; default: every string field.
    public var textFields: [String]?
    /// Fields that reference another resource's `Id` (field → resource). They are checked on writes, give the
    /// nested lists `/{Parent}/{id}/{Resource}`, and deleting a parent deletes its children.
    public var parents: [String: String]
    /// Whether POST, PUT and DELETE are offered.
    public var writable: Bool
    /// Values a create starts from when the body leaves them out.
    public var defaults: [String: JSONValue]
    /// `*Days` fields set on create to the mock clock's day (days since 1970-01-01) when the body leaves them out.
    public var today: [String]
    /// A field numbered on create (max + 1) when the body leaves it null, e.g. `OrderNumber`.
    public var numbering: String?
    /// A field set on create to 1 + the number of siblings under the same parent, e.g. a task's `Index`.
    public var sequence: SequenceRule?
    /// Fields copied on create from a referenced entity: field → `ReferenceField.SourceField`.
    public var inherit: [String: String]
    /// A request flag that also creates a child, e.g. `CreateTask` on an Order creates its first OrderTask.
    public var createChild: ChildCreation?

    /// Numbers a field 1, 2, 3… among siblings.
    public struct SequenceRule: Codable, Sendable, Equatable {
        /// The field numbered, e.g. `Index`.
        public var field: String
        /// The field that names the parent the siblings share.
        public var within: String
    }

    /// A flag in a create that also creates a child.
    public struct ChildCreation: Codable, Sendable, Equatable {
        /// The body's flag, e.g. `CreateTask`.
        public var flag: String
        /// The child's resource.
        public var resource: String
        /// The child's field that points at the new parent, e.g. `OrderId`.
        public var field: String
    }

    enum CodingKeys: String, CodingKey {
        case entityName, route, required, readOnly, urls, textFields, parents, writable, defaults, today, numbering, sequence, inherit, createChild
    }

    /// A resource with no rules: plain CRUD.
    public init() {
        self.required = []
        self.readOnly = []
        self.urls = []
        self.parents = [:]
        self.writable = true
        self.defaults = [:]
        self.today = []
        self.inherit = [:]
    }

    /// Reads rules, every field optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.entityName = try container.decodeIfPresent(String.self, forKey: .entityName)
        self.route = try container.decodeIfPresent(String.self, forKey: .route)
        self.required = try container.decodeIfPresent([String].self, forKey: .required) ?? []
        self.readOnly = try container.decodeIfPresent([String].self, forKey: .readOnly) ?? []
        self.urls = try container.decodeIfPresent([String].self, forKey: .urls) ?? []
        self.textFields = try container.decodeIfPresent([String].self, forKey: .textFields)
        self.parents = try container.decodeIfPresent([String: String].self, forKey: .parents) ?? [:]
        self.writable = try container.decodeIfPresent(Bool.self, forKey: .writable) ?? true
        self.defaults = try container.decodeIfPresent([String: JSONValue].self, forKey: .defaults) ?? [:]
        self.today = try container.decodeIfPresent([String].self, forKey: .today) ?? []
        self.numbering = try container.decodeIfPresent(String.self, forKey: .numbering)
        self.sequence = try container.decodeIfPresent(SequenceRule.self, forKey: .sequence)
        self.inherit = try container.decodeIfPresent([String: String].self, forKey: .inherit) ?? [:]
        self.createChild = try container.decodeIfPresent(ChildCreation.self, forKey: .createChild)
    }

    /// The base fields every business entity has, which only the server sets.
    static let serverFields = ["Id", "Version", "CreatedAt", "FiscalSetupId", "IsDeactivated"]
}
