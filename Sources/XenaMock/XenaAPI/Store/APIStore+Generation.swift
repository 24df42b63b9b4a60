import Foundation
import Synchronization

/// Data for the whole documented API: fixture entities completed with every property their definition declares,
/// and the collections no fixture fills generated on first use.
extension APIStore {
    /// Takes the documented API into use; the first call wins.
    func install(_ specification: APISpecification) {
        self.state.withLock { state in
            guard state.specification == nil else { return }
            state.specification = specification
            self.complete(&state, with: specification)
        }
    }

    /// The documented API, once installed.
    var specification: APISpecification? {
        self.state.withLock { $0.specification }
    }

    /// Adds `null` for every property a fixture entity's definition declares and the fixture leaves out, as
    /// ASP.NET's serializer writes absent values.
    func complete(_ state: inout State, with specification: APISpecification) {
        if specification.definitions["FiscalSetupDto"] != nil {
            for (id, entity) in state.fiscalSetups {
                state.fiscalSetups[id] = specification.completed(entity, definition: "FiscalSetupDto")
            }
        }
        for (key, table) in state.tables {
            guard let definition = self.entityDefinition(of: key.resource, in: specification) else { continue }
            var completed = table
            for (id, entity) in table.rows {
                completed.rows[id] = specification.completed(entity, definition: definition)
            }
            completed.encoded = [:]
            state.tables[key] = completed
        }
    }

    /// The documented definition of a fixture resource's entities (`Order` → `OrderDto`).
    func entityDefinition(of resource: String, in specification: APISpecification) -> String? {
        let key = "fiscal/{}/" + (self.definition(resource).route ?? resource).lowercased()
        return specification.collections[key]?.entity
    }

    /// Makes sure a collection's table exists in `scope` (a company's id, or ``APIScope``'s key for a user or for
    /// everyone): fixture tables always do; any other is generated now, the same way every time.
    ///
    /// `fixed` fields hold in every generated entity: the company, the parent a child collection lists under.
    func prepare(scope: Int64, table: String, collection: APICollection, fixed: [String: JSONValue]) {
        self.state.withLock { state in
            let key = TableKey(fiscalID: scope, resource: table)
            guard state.tables[key] == nil, let generator = self.generator(in: state, scope: scope) else { return }
            var generated = Table()
            for (index, id) in Self.generatedIDs(scope: scope, table: table, isChild: collection.parent != nil, seed: self.seed).enumerated() {
                generated.ids.append(id)
                generated.rows[id] = generator.entity(collection.entity, id: id, key: "\(scope)/\(table.lowercased())/\(index)", fixed: fixed)
            }
            state.tables[key] = generated
            Self.applySavedRows(&state, key: key)
        }
    }

    /// A value of `schema` as the data generator makes it, references pointing into `scope`.
    func generatedValue(_ schema: APISchema, scope: Int64, key: String) -> JSONValue {
        self.state.withLock { state in
            self.generator(in: state, scope: scope)?.value(schema, key: "\(scope)/\(key)") ?? .null
        }
    }

    private func generator(in state: State, scope: Int64) -> EntityGenerator? {
        guard let specification = state.specification else { return nil }
        let tables = state.tables
        let seed = self.seed
        return EntityGenerator(specification: specification, seed: seed) { referenced in
            if let existing = tables[TableKey(fiscalID: scope, resource: self.tableName(of: referenced))] { return existing.ids }
            return Self.generatedIDs(scope: scope, table: referenced.name, isChild: referenced.parent != nil, seed: seed)
        }
    }

    /// The table of a collection that has no parent: a fixture resource's own name (`Order/Invoice` is
    /// `OrderInvoice`), else the collection's name.
    func tableName(of collection: APICollection) -> String {
        self.aliasRoutes[collection.name.lowercased()] ?? self.resourceName(collection.name) ?? collection.name
    }

    /// The ids of a generated table: three to six entities (one to three under a parent), numbered from a base
    /// that depends on the scope and the table, below the ids creates assign.
    static func generatedIDs(scope: Int64, table: String, isChild: Bool, seed: UInt64) -> [Int64] {
        var random = SplitMix64(seed: seed, key: "\(scope)/\(table.lowercased())/ids")
        let base = 1_000_000_000 + Int64(random.index(9_000_000)) * 100
        let count = isChild ? 1 + random.index(3) : 3 + random.index(4)
        return (1...count).map { base + Int64($0) }
    }

    /// Whether an entity exists.
    func contains(scope: Int64, table: String, id: Int64) -> Bool {
        self.state.withLock { $0.tables[TableKey(fiscalID: scope, resource: table)]?.rows[id] != nil }
    }

    /// A generated value of `schema` for an operation that answers one object, stored so that the same path
    /// answers the same value until a `PUT` replaces it.
    func singleton(_ schema: APISchema, scope: Int64, path: String) -> JSONValue {
        self.state.withLock { state in
            if let value = state.singletons[SingletonKey(scope: scope, path: path)] { return value }
            let value = self.generator(in: state, scope: scope)?.value(schema, key: "\(scope)/\(path)") ?? .null
            state.singletons[SingletonKey(scope: scope, path: path)] = value
            return value
        }
    }

    /// Changes a stored value (`PUT` on a path whose `GET` answers one object): the fields sent replace those
    /// stored, a `Version` counts up; answers the value as stored.
    func updateSingleton(_ schema: APISchema, scope: Int64, path: String, with changes: Entity) -> JSONValue {
        self.state.withLock { state in
            let key = SingletonKey(scope: scope, path: path)
            let current = state.singletons[key] ?? self.generator(in: state, scope: scope)?.value(schema, key: "\(scope)/\(path)") ?? .null
            guard case .object(var object) = current else {
                state.singletons[key] = .object(changes)
                self.saveSingleton(state, key: key)
                return .object(changes)
            }
            let version = object["Version"]?.integer
            for (field, value) in changes where object.keys.contains(field) || object.isEmpty { object[field] = value }
            if let version { object["Version"] = .integer(version &+ 1) }
            state.singletons[key] = .object(object)
            self.saveSingleton(state, key: key)
            return .object(object)
        }
    }

    /// Sets a field of a stored entity and counts up its `Version`, as the actions `Deactivate` and `Activate` do.
    func apply(scope: Int64, table: String, id: Int64, set fields: Entity) -> (Entity, [EntityEvent])? {
        self.state.withLock { state in
            let key = TableKey(fiscalID: scope, resource: table)
            guard var entity = state.tables[key]?.rows[id] else { return nil }
            guard !fields.isEmpty else { return (entity, []) }
            for (field, value) in fields { entity[field] = value }
            entity["Version"] = .integer((entity["Version"]?.integer ?? 1) &+ 1)
            state.tables[key]?.rows[id] = entity
            state.tables[key]?.encoded[id] = nil
            state.tables[key]?.highestNumbers = [:]
            self.saveRow(&state, key: key, id: id)
            return (entity, [EntityEvent(fiscalID: scope, entityType: table, entityID: id, kind: .updated)])
        }
    }
}
