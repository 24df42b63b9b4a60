import Foundation
import Synchronization

/// The stub API's live data: the fixtures, then every write since, in memory for the life of the process.
///
/// Every operation runs under one lock, so concurrent writes never lose an update and a `Version` check and the
/// write it guards are one step. ``reset()`` brings back the fixtures.
public final class APIStore: Sendable {
    /// An entity as JSON: property name → value.
    public typealias Entity = [String: JSONValue]

    /// A change that webhooks report: `Created`, `Updated` or `Deleted`.
    public struct EntityEvent: Sendable, Equatable {
        /// What happened to the entity.
        public enum Kind: String, Sendable {
            case created = "Created"
            case updated = "Updated"
            case deleted = "Deleted"
        }

        /// The company (or the scope of user and global data).
        public var fiscalID: Int64
        /// The resource, e.g. `Order`, as webhooks name it in `EntityType`.
        public var entityType: String
        /// The entity's `Id`.
        public var entityID: Int64
        /// Created, updated or deleted.
        public var kind: Kind
    }

    struct Table {
        var ids: [Int64] = []
        var rows: [Int64: Entity] = [:]
        /// Each entity's JSON, encoded once on first read and dropped when the entity changes.
        var encoded: [Int64: [UInt8]] = [:]
        /// The highest number of each numbering field (`AccountNumber`), known since the last change other than a
        /// create, so a stream of creates does not scan the table for each one.
        var highestNumbers: [String: Int64] = [:]

        /// Adds a created entity at the end, keeping the highest numbers current.
        mutating func insert(_ entity: Entity, id: Int64) {
            self.ids.append(id)
            self.rows[id] = entity
            self.encoded[id] = nil
            for (field, highest) in self.highestNumbers {
                if let number = entity[field]?.integer, number > highest { self.highestNumbers[field] = number }
            }
        }
    }

    struct TableKey: Hashable {
        var fiscalID: Int64
        var resource: String
    }

    struct State {
        var fiscalSetups: [Int64: Entity] = [:]
        var fiscalOrder: [Int64] = []
        var tables: [TableKey: Table] = [:]
        var nextID: Int64 = 0
        var webhookFailures: [Int64: [WebhookFailure]] = [:]
        var webhookDisabledUntil: [Int64: Date] = [:]
        /// The documented API, once loaded: collections no fixture fills are generated from it on first use.
        var specification: APISpecification?
        /// Generated answers of operations that answer one object, by scope and path.
        var singletons: [SingletonKey: JSONValue] = [:]
        /// Saved rows of tables not made yet (`--data-dir`), applied when their table is made.
        var savedRows: [TableKey: [Int64: SavedRow]] = [:]
        /// The order of the saved changes.
        var changeSequence: Int64 = 0
    }

    struct SingletonKey: Hashable {
        var scope: Int64
        var path: String
    }

    /// A failed webhook delivery.
    public struct WebhookFailure: Sendable, Equatable, Codable {
        /// The failure's own id, as `WebHookFailures` lists it.
        public var id: Int64
        /// The webhook that failed.
        public var webHookID: Int64
        /// When, on the mock's clock.
        public var occurredAt: Date
        /// The receiver's status; nil when no answer came.
        public var statusCode: Int?
        /// Why the delivery counts as failed.
        public var message: String
    }

    let fixtures: APIFixtures
    let definitions: [String: APIResourceDefinition]
    /// Lower-cased resource name → canonical name.
    private let canonicalNames: [String: String]
    /// Lower-cased alias route (`order/invoice`) → resource.
    let aliasRoutes: [String: String]
    /// Resource → field → JSON type, as the fixtures show them.
    let fieldTypes: [String: [String: String]]
    let state: Mutex<State>
    let clock: MockClock
    /// The seed of generated data: the same fixtures and seed give the same data.
    let seed: UInt64
    /// Where changes are kept across restarts (`--data-dir`); nil in memory.
    let saved: Saved?

    /// A store holding `fixtures`, writing times from `clock`, generating data from `seed`.
    public convenience init(fixtures: APIFixtures, clock: MockClock, seed: UInt64 = XenaMockConfiguration.defaultDataSeed) {
        self.init(fixtures: fixtures, clock: clock, seed: seed, database: nil)
    }

    /// A store whose changes survive restarts in `database`, laid over the fixtures and generated data at start.
    init(fixtures: APIFixtures, clock: MockClock, seed: UInt64, database: StateDatabase?) {
        self.fixtures = fixtures
        self.clock = clock
        self.seed = seed
        self.saved = database.map(Saved.init)
        var definitions = fixtures.definitions
        for name in fixtures.resourceNames where definitions[name] == nil {
            definitions[name] = APIResourceDefinition()
        }
        self.definitions = definitions
        self.canonicalNames = Dictionary(definitions.keys.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        self.aliasRoutes = Dictionary(
            definitions.compactMap { name, definition in definition.route.map { ($0.lowercased(), name) } }, uniquingKeysWith: { first, _ in first })
        var fieldTypes: [String: [String: String]] = [:]
        for resources in fixtures.records.values {
            for (resource, records) in resources {
                for record in records {
                    for (field, value) in record where !value.isNull && fieldTypes[resource]?[field] == nil {
                        fieldTypes[resource, default: [:]][field] = value.typeName
                    }
                }
            }
        }
        self.fieldTypes = fieldTypes
        var state = Self.initialState(fixtures, resources: Array(definitions.keys))
        self.state = Mutex(State())
        self.restore(into: &state)
        self.state.withLock { $0 = state }
    }

    private static func initialState(_ fixtures: APIFixtures, resources: [String]) -> State {
        var state = State()
        var maximumID: Int64 = 3_050_000_000
        for setup in fixtures.fiscalSetups {
            guard let id = setup["Id"]?.integer else { continue }
            state.fiscalSetups[id] = setup
            state.fiscalOrder.append(id)
            maximumID = Self.highestNumberable(maximumID, id)
            for resource in resources {
                // A resource only a fixture file names (`Voucher.json`) overrides that company's data; the other
                // companies keep what the documented API generates. Resources with rules are the fixtures' alone.
                if fixtures.definitions[resource] == nil && fixtures.records[id]?[resource] == nil { continue }
                var table = Table()
                for record in fixtures.records[id]?[resource] ?? [] {
                    guard let recordID = record["Id"]?.integer else { continue }
                    table.ids.append(recordID)
                    table.rows[recordID] = record
                    maximumID = Self.highestNumberable(maximumID, recordID)
                }
                state.tables[TableKey(fiscalID: id, resource: resource)] = table
            }
        }
        state.nextID = maximumID + 1
        return state
    }

    /// The larger of the two, counting only ids the fixtures may hold (``InputBounds/fixtureEntityID``), so the next
    /// assigned id never overflows even when fixtures given from Swift hold an id near `Int64.max`.
    private static func highestNumberable(_ current: Int64, _ id: Int64) -> Int64 {
        InputBounds.fixtureEntityID.contains(id) ? max(current, id) : current
    }

    /// Brings back the fixtures, forgetting every write and webhook failure.
    public func reset() {
        var fresh = Self.initialState(self.fixtures, resources: Array(self.definitions.keys))
        self.state.withLock { state in
            if let specification = state.specification {
                fresh.specification = specification
                self.complete(&fresh, with: specification)
            }
            state = fresh
            self.saved?.removeAll()
        }
    }

    /// The canonical name of a resource, matched case-insensitively.
    func resourceName(_ name: some StringProtocol) -> String? {
        self.canonicalNames[name.lowercased()]
    }

    func definition(_ resource: String) -> APIResourceDefinition {
        self.definitions[resource] ?? APIResourceDefinition()
    }

    func entityName(_ resource: String) -> String {
        self.definition(resource).entityName ?? resource
    }

    // MARK: Reads

    /// Every entity of a resource in a company, in list order (an empty list for a table not yet generated).
    public func entities(fiscalID: Int64, resource: String) -> [Entity] {
        self.state.withLock { state in
            guard let table = state.tables[TableKey(fiscalID: fiscalID, resource: resource)] else { return [] }
            return table.ids.compactMap { table.rows[$0] }
        }
    }

    /// One entity.
    public func entity(fiscalID: Int64, resource: String, id: Int64) -> Entity? {
        self.state.withLock { $0.tables[TableKey(fiscalID: fiscalID, resource: resource)]?.rows[id] }
    }

    /// A page of entities, already encoded: `{"Count": N, "Entities": [...]}` where `Count` is every match.
    ///
    /// Filtering and paging run under the lock against the live rows; each entity's JSON is encoded once and reused
    /// until it changes, so a list costs little more than copying bytes.
    func encodedPage(fiscalID: Int64, resource: String, options: ListOptions, where include: (Entity) -> Bool = { _ in true }) -> [UInt8] {
        let textFields = self.definition(resource).textFields
        return self.state.withLock { state in
            let key = TableKey(fiscalID: fiscalID, resource: resource)
            var output = Array(#"{"Count":"#.utf8)
            var newlyEncoded: [(Int64, [UInt8])] = []
            do {
                guard let table = state.tables[key] else { return Array(#"{"Count":0,"Entities":[]}"#.utf8) }
                let matching = table.ids.filter { id in
                    guard let entity = table.rows[id] else { return false }
                    return include(entity) && options.includes(entity, textFields: textFields)
                }
                output += String(matching.count).utf8
                output += #","Entities":["#.utf8
                for (index, id) in options.page(of: matching).enumerated() {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    if let encoded = table.encoded[id] {
                        output += encoded
                    } else if let entity = table.rows[id] {
                        let encoded = JSONValue.object(entity).serialized()
                        newlyEncoded.append((id, encoded))
                        output += encoded
                    }
                }
                output += "]}".utf8
            }
            // Written back in place once the read copy is gone, so the table is not copied.
            for (id, encoded) in newlyEncoded { state.tables[key]?.encoded[id] = encoded }
            return output
        }
    }

    /// One entity, already encoded.
    func encodedEntity(fiscalID: Int64, resource: String, id: Int64) -> [UInt8]? {
        self.state.withLock { state in
            let key = TableKey(fiscalID: fiscalID, resource: resource)
            if let encoded = state.tables[key]?.encoded[id] { return encoded }
            guard let entity = state.tables[key]?.rows[id] else { return nil }
            let encoded = JSONValue.object(entity).serialized()
            state.tables[key]?.encoded[id] = encoded
            return encoded
        }
    }

    /// The resources whose entities point at `parent` through a `parents` field, with that field.
    func childRelations(of parent: String) -> [(resource: String, field: String)] {
        self.definitions.flatMap { name, definition in
            definition.parents.filter { $0.value == parent }.map { (name, $0.key) }
        }.sorted { $0.resource < $1.resource }
    }
}
