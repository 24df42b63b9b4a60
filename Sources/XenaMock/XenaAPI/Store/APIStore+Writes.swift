import Foundation
import Synchronization

/// The writes: creates (with numbering, inheritance, sequences and a child created by a flag), updates behind the
/// `Version` check, and deletes that cascade through `parents` relations. Every write saves its rows (`--data-dir`).
extension APIStore {
    /// Creates an entity; returns it with the events it caused (a child created by a flag included).
    ///
    /// `definition` names the entity's documented definition (properties it lacks are written as `null`); nil
    /// takes a fixture resource's.
    func create(fiscalID: Int64, resource: String, body: JSONValue, definition entityDefinition: String? = nil) throws(XenaAPIError) -> (
        Entity, [EntityEvent]
    ) {
        let now = self.clock.now
        return try self.state.withLock { state throws(XenaAPIError) in
            try self.create(in: &state, fiscalID: fiscalID, resource: resource, body: body, now: now, definition: entityDefinition)
        }
    }

    private func create(in state: inout State, fiscalID: Int64, resource: String, body: JSONValue, now: Date, definition entityDefinition: String? = nil)
        throws(XenaAPIError) -> (Entity, [EntityEvent])
    {
        let definition = self.definition(resource)
        guard var entity = body.object else { throw .rejected([.init(path: "", message: "The body must be a JSON object.")]) }
        let createChildFlag = definition.createChild.flatMap { entity.removeValue(forKey: $0.flag)?.bool } ?? false
        for field in definition.readOnly + APIResourceDefinition.serverFields { entity[field] = nil }
        try self.validate(entity, resource: resource, in: state, fiscalID: fiscalID)

        for (field, value) in definition.defaults where entity[field] == nil || entity[field] == .null {
            entity[field] = value
        }
        for field in definition.today where entity[field] == nil || entity[field] == .null {
            entity[field] = .integer(Int64((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        }
        let key = TableKey(fiscalID: fiscalID, resource: resource)
        Self.applySavedRows(&state, key: key)
        // The table is changed in place: a copy of it here would make the insert below copy all its rows, which made
        // each create cost as much as the table is long.
        if let field = definition.numbering, entity[field]?.integer == nil {
            let documented = state.specification.flatMap { specification in
                self.entityDefinition(of: resource, in: specification).flatMap { specification.definitions[$0]?.properties[field]?.format }
            }
            entity[field] = .integer(
                Self.nextNumber(field, in: &state.tables[key, default: Table()], limit: documented == "int32" ? Int64(Int32.max) : .max))
        }
        for (field, source) in definition.inherit {
            let parts = source.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let parentResource = definition.parents[parts[0]], let parentID = entity[parts[0]]?.integer,
                let parent = state.tables[TableKey(fiscalID: fiscalID, resource: parentResource)]?.rows[parentID]
            else { continue }
            entity[field] = JSONValue.object(parent)[path: parts[1]] ?? .null
        }
        if let rule = definition.sequence {
            let siblings = state.tables[key]?.rows.values.filter { $0[rule.within] == entity[rule.within] }.count ?? 0
            entity[rule.field] = .integer(Int64(siblings + 1))
        }
        let id = state.nextID
        state.nextID += 1
        entity["Id"] = .integer(id)
        entity["Version"] = 1
        entity["CreatedAt"] = .string(APITimestamp.format(now))
        entity["FiscalSetupId"] = fiscalID > 0 ? .integer(fiscalID) : nil
        if self.fieldTypes[resource]?["IsDeactivated"] != nil || self.fieldTypes[resource] == nil {
            entity["IsDeactivated"] = false
        }
        entity = self.completed(entity, resource: resource, definition: entityDefinition, in: state)
        state.tables[key, default: Table()].insert(entity, id: id)
        self.saveRow(&state, key: key, id: id)
        var events = [EntityEvent(fiscalID: fiscalID, entityType: resource, entityID: id, kind: .created)]

        if createChildFlag, let child = definition.createChild {
            let (_, childEvents) = try self.create(
                in: &state, fiscalID: fiscalID, resource: child.resource, body: .object([child.field: .integer(id)]), now: now)
            events += childEvents
        }
        return (entity, events)
    }

    /// The number a create gives `field`: one more than the highest in use, or, when that would pass `limit` (the
    /// field's documented type: `Int32.max` for an int32 such as `AccountNumber`), the lowest free number above 10,000.
    static func nextNumber(_ field: String, in table: inout Table, limit: Int64 = .max) -> Int64 {
        let highest = table.highestNumbers[field] ?? table.rows.values.compactMap { $0[field]?.integer }.max() ?? 10_000
        let (next, overflow) = max(highest, 10_000).addingReportingOverflow(1)
        if !overflow, next <= limit {
            table.highestNumbers[field] = max(highest, 10_000)
            return next
        }
        table.highestNumbers[field] = nil
        let used = Set(table.rows.values.compactMap { $0[field]?.integer })
        var candidate: Int64 = 10_001
        while used.contains(candidate) { candidate += 1 }  // at most numbers.count steps
        return candidate
    }

    /// Replaces an entity; the body's `Version` must be the stored one.
    func update(fiscalID: Int64, resource: String, id: Int64, body: JSONValue, definition entityDefinition: String? = nil) throws(XenaAPIError) -> (
        Entity, [EntityEvent]
    ) {
        try self.state.withLock { state throws(XenaAPIError) in
            let key = TableKey(fiscalID: fiscalID, resource: resource)
            guard let existing = state.tables[key]?.rows[id] else { throw .notFound(self.entityName(resource)) }
            let definition = self.definition(resource)
            var entity = try Self.checkedUpdateBody(body, existing: existing, required: [], readOnly: definition.readOnly)
            try self.validate(entity, resource: resource, in: state, fiscalID: fiscalID)
            Self.keepServerFields(from: existing, into: &entity, readOnly: definition.readOnly)
            entity = self.completed(entity, resource: resource, definition: entityDefinition, in: state)
            state.tables[key]?.rows[id] = entity
            state.tables[key]?.encoded[id] = nil
            state.tables[key]?.highestNumbers = [:]
            self.saveRow(&state, key: key, id: id)
            return (entity, [EntityEvent(fiscalID: fiscalID, entityType: resource, entityID: id, kind: .updated)])
        }
    }

    /// The entity with `null` for every documented property it lacks.
    private func completed(_ entity: Entity, resource: String, definition: String?, in state: State) -> Entity {
        guard let specification = state.specification, let name = definition ?? self.entityDefinition(of: resource, in: specification) else {
            return entity
        }
        return specification.completed(entity, definition: name)
    }

    /// Deletes an entity and, through `parents` relations, its children.
    func delete(fiscalID: Int64, resource: String, id: Int64) throws(XenaAPIError) -> [EntityEvent] {
        try self.state.withLock { state throws(XenaAPIError) in
            guard state.tables[TableKey(fiscalID: fiscalID, resource: resource)]?.rows[id] != nil else {
                throw .notFound(self.entityName(resource))
            }
            return self.delete(in: &state, fiscalID: fiscalID, resource: resource, id: id)
        }
    }

    private func delete(in state: inout State, fiscalID: Int64, resource: String, id: Int64) -> [EntityEvent] {
        let key = TableKey(fiscalID: fiscalID, resource: resource)
        guard state.tables[key]?.rows.removeValue(forKey: id) != nil else { return [] }
        state.tables[key]?.encoded[id] = nil
        state.tables[key]?.highestNumbers = [:]
        state.tables[key]?.ids.removeAll { $0 == id }
        self.saveRow(&state, key: key, id: id)
        var events = [EntityEvent(fiscalID: fiscalID, entityType: resource, entityID: id, kind: .deleted)]
        for (child, field) in self.childRelations(of: resource) {
            let childIDs =
                state.tables[TableKey(fiscalID: fiscalID, resource: child)]?.rows.values
                .filter { $0[field]?.integer == id }.compactMap { $0["Id"]?.integer } ?? []
            for childID in childIDs.sorted() {
                events += self.delete(in: &state, fiscalID: fiscalID, resource: child, id: childID)
            }
        }
        return events
    }
}
