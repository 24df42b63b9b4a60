import Foundation
import HTTPTypes
import Hummingbird

/// Answers every operation of Xena's Swagger document that no hand-written route serves, by its role
/// (``APISpecification/Role``): lists, reads, creates, updates and deletes entities of its collection, applies an
/// action, or answers a value of its documented type. Parameters and bodies are checked against the document first.
struct DocumentedOperationHandler: Sendable {
    let store: APIStore
    let webhooks: WebhookDispatcher

    /// A matched request: the operation, its role, the path's parameter values and segments, and whose data it reads.
    struct Call {
        var operation: APIOperation
        var role: APISpecification.Role
        var parameters: [String: String]
        var segments: [String]
        /// The company's id, `-userID` for `/Api/User/…`, 0 for everyone's data.
        var scope: Int64
        /// The companies the user belongs to: the entities of `User/FiscalSetup`.
        var companies: Set<Int64>
    }

    func respond(to call: Call, specification: APISpecification, request: Request, context: XenaRequestContext) async throws -> Response {
        try Self.checkPathParameters(call)
        let options = try self.checkQuery(call.operation, request: request)
        switch call.role {
        case .list(let key):
            return try self.list(call, collection: try Self.collection(key, in: specification), options: options, specification: specification)
        case .read(let key):
            let (table, _, collection) = try self.table(call, key: key, specification: specification)
            let id = try Self.entityID(call, collection: collection)
            if let encoded = self.store.encodedEntity(fiscalID: call.scope, resource: table, id: id) { return JSONResponse.make(encoded: encoded) }
            throw XenaAPIError.notFound(message: collection.notFoundMessage)
        case .create(let key):
            return try await self.create(call, key: key, specification: specification, request: request, context: context)
        case .update(let key):
            return try await self.update(call, key: key, specification: specification, request: request, context: context)
        case .delete(let key):
            let (table, _, collection) = try self.table(call, key: key, specification: specification)
            let id = try Self.entityID(call, collection: collection)
            guard self.store.contains(scope: call.scope, table: table, id: id) else { throw XenaAPIError.notFound(message: collection.notFoundMessage) }
            self.webhooks.notify(try self.store.delete(fiscalID: call.scope, resource: table, id: id))
            return self.deleted(call, id: id, collection: collection, specification: specification)
        case .action(let key, let verb):
            return try await self.action(call, key: key, verb: verb, specification: specification, request: request, context: context)
        case .value:
            return try await self.value(call, specification: specification, request: request, context: context)
        }
    }

    // MARK: Roles

    private func list(_ call: Call, collection: APICollection, options: ListOptions, specification: APISpecification) throws -> Response {
        let (table, parentID, _) = try self.table(call, key: collection.key, specification: specification)
        let filter: (APIStore.Entity) -> Bool
        if collection.viewOf != nil, let field = collection.parentField, let parentID {
            filter = { $0[field]?.integer == parentID }
        } else {
            filter = { _ in true }
        }
        switch collection.listing {
        case .enumerable, .array:
            let entities = self.store.entities(fiscalID: call.scope, resource: table).filter(filter)
            let page = options.apply(to: entities, textFields: nil)
            let list = page.object?["Entities"] ?? []
            return APIResponse.make(collection.listing == .array ? list : ["Entities": list, "Exhausted": true])
        default:
            return JSONResponse.make(encoded: self.store.encodedPage(fiscalID: call.scope, resource: table, options: options, where: filter))
        }
    }

    /// `POST` on a collection: one entity, or each of an array the document describes as one (`Order/Multiple`).
    private func create(_ call: Call, key: String, specification: APISpecification, request: Request, context: XenaRequestContext) async throws
        -> Response
    {
        let (table, parentID, collection) = try self.table(call, key: key, specification: specification)
        let body: JSONValue
        if call.operation.body == nil {
            body =
                try await self.checkOptionalBody(call.operation, scope: call.scope, specification: specification, request: request, context: context)
                ?? .object([:])
        } else {
            body = try await APIController.body(of: request, context: context)
        }
        let items: [JSONValue]
        if call.operation.body?.kind == .array, let elements = body.elements {
            if let schema = call.operation.body {
                let problems = BodyValidator(specification: specification).problems(body, against: schema)
                if !problems.isEmpty { throw XenaAPIError.rejected(problems) }
            }
            items = elements
        } else {
            items = [body]
        }
        var created: [APIStore.Entity] = []
        for item in items {
            var operation = call.operation
            if operation.body?.kind == .array { operation.body = operation.body?.items }
            var entity = try self.checkedEntity(item, operation: operation, collection: collection, scope: call.scope, specification: specification)
            if let field = collection.parentField, let parentID { entity[field] = .integer(parentID) }
            let (new, events) = try self.store.create(fiscalID: call.scope, resource: table, body: .object(entity), definition: collection.entity)
            self.webhooks.notify(events)
            created.append(new)
        }
        if items.count == 1, call.operation.body?.kind != .array, let entity = created.first {
            return self.answer(call, entity: entity, collection: collection, specification: specification)
        }
        return self.answer(call, entities: created, collection: collection, specification: specification)
    }

    private func update(_ call: Call, key: String, specification: APISpecification, request: Request, context: XenaRequestContext) async throws
        -> Response
    {
        let (table, _, collection) = try self.table(call, key: key, specification: specification)
        let id = try Self.entityID(call, collection: collection)
        guard self.store.contains(scope: call.scope, table: table, id: id) else { throw XenaAPIError.notFound(message: collection.notFoundMessage) }
        let body = try await APIController.body(of: request, context: context)
        let entity = try self.checkedEntity(body, operation: call.operation, collection: collection, scope: call.scope, specification: specification)
        let (updated, events) = try self.store.update(fiscalID: call.scope, resource: table, id: id, body: .object(entity), definition: collection.entity)
        self.webhooks.notify(events)
        return self.answer(call, entity: updated, collection: collection, specification: specification)
    }

    /// `…/{id}/Verb`: the entity must exist; `Deactivate` and `Activate` show their effect; the answer is the
    /// documented type, else a `SaveResult`.
    private func action(_ call: Call, key: String, verb: String, specification: APISpecification, request: Request, context: XenaRequestContext)
        async throws -> Response
    {
        let (table, _, collection) = try self.table(call, key: key, specification: specification)
        let id = try Self.entityID(call, atEnd: false, collection: collection)
        try await self.checkOptionalBody(call.operation, scope: call.scope, specification: specification, request: request, context: context)
        let effect: APIStore.Entity
        switch verb.lowercased() {
        case "deactivate": effect = ["IsDeactivated": true]
        case "activate", "reactivate": effect = ["IsDeactivated": false]
        default: effect = [:]
        }
        guard let (entity, events) = self.store.apply(scope: call.scope, table: table, id: id, set: effect) else {
            throw XenaAPIError.notFound(message: collection.notFoundMessage)
        }
        self.webhooks.notify(events)
        if call.operation.response?.reference == collection.entity, collection.entity != nil {
            return APIResponse.make(.object(entity))
        }
        return self.answer(call, entities: [entity], collection: collection, specification: specification)
    }

    /// An operation on no collection: a value of the documented type (the same one for a path until a `PUT` there
    /// replaces it), else the template answer of its method.
    private func value(_ call: Call, specification: APISpecification, request: Request, context: XenaRequestContext) async throws -> Response {
        let path = call.segments.joined(separator: "/").lowercased()
        switch call.operation.method {
        case .get:
            guard let schema = call.operation.response ?? Self.impliedAnswer(call.operation, specification: specification) else {
                return APIResponse.make([:])
            }
            var value = self.store.singleton(schema, scope: call.scope, path: path)
            // A by-id read of something no list shows answers the entity with that id.
            if call.operation.endsInParameter, case .object(var entity) = value, let id = call.segments.last.flatMap({ Int64($0) }),
                entity["Id"]?.integer != nil
            {
                entity["Id"] = .integer(id)
                value = .object(entity)
            }
            return APIResponse.make(value)
        case .delete:
            let id = call.operation.endsInParameter ? call.segments.last.flatMap { Int64($0) } : nil
            return self.deleted(call, id: id, collection: nil, specification: specification)
        default:
            let body = try await self.checkOptionalBody(call.operation, scope: call.scope, specification: specification, request: request, context: context)
            // A PUT where a GET answers one value replaces it, and answers it as stored.
            if call.operation.method == .put, case .object(let changes)? = body, let read = self.operation(.get, call.segments, specification),
                read.role == .value, let schema = read.operation.response ?? Self.impliedAnswer(read.operation, specification: specification)
            {
                let stored = self.store.updateSingleton(schema, scope: call.scope, path: path, with: changes)
                return APIResponse.make(stored)
            }
            // `PUT …/{id}` of something nothing lists answers the updated entity: what was sent, every property there.
            if call.operation.method == .put, call.operation.endsInParameter, call.operation.response == nil, case .object(let sent)? = body,
                let definition = call.operation.body?.reference
            {
                return APIResponse.make(.object(specification.completed(sent, definition: definition)))
            }
            return self.answer(call, entities: [], collection: nil, specification: specification)
        }
    }

    // MARK: Answers

    /// What a `GET` the document leaves silent answers: what a `PUT` on the same path takes, else the `{Name}Dto`
    /// its last literal segment names, if any.
    static func impliedAnswer(_ operation: APIOperation, specification: APISpecification) -> APISchema? {
        let segments = operation.segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .parameter: "0"
            }
        }
        if case .operation(let index, _) = specification.match(.put, segments), specification.operations[index].segments == operation.segments,
            let body = specification.operations[index].body, body.reference != nil
        {
            return body
        }
        guard let name = operation.literals.last, specification.definitions["\(name)Dto"] != nil else { return nil }
        return APISchema(kind: .object, reference: "\(name)Dto")
    }

    /// The documented answer of a write: a `SaveResult` naming the entity, the entity where the document answers
    /// the collection's type or is silent, else a value of the documented type about the entity.
    private func answer(_ call: Call, entity: APIStore.Entity, collection: APICollection, specification: APISpecification) -> Response {
        guard let schema = call.operation.response, schema.reference != collection.entity else { return APIResponse.make(.object(entity)) }
        return self.answer(call, entities: [entity], collection: collection, specification: specification)
    }

    /// The answer of a delete: a `DeleteResult` unless the document names another type.
    private func deleted(_ call: Call, id: Int64?, collection: APICollection?, specification: APISpecification) -> Response {
        guard call.operation.response != nil, call.operation.response?.reference != "DeleteResult" else {
            return APIResponse.make(["Id": id.map { .integer($0) } ?? .null, "Messages": [], "Success": true, "NewState": "Deleted"])
        }
        return self.answer(call, entities: id.map { [["Id": .integer($0)]] } ?? [], collection: collection, specification: specification)
    }

    /// The answer of a write of several entities: a `SaveResult`/`BulkSaveResult` naming them, else the documented type.
    private func answer(_ call: Call, entities: [APIStore.Entity], collection: APICollection?, specification: APISpecification) -> Response {
        let ids = entities.compactMap { $0["Id"]?.integer }
        switch call.operation.response?.reference {
        case "SaveResult":
            return APIResponse.make(SaveResult(assignedID: ids.first, statusCode: 200, errors: []).json)
        case nil where call.operation.response == nil:
            return APIResponse.make(SaveResult(assignedID: ids.first, statusCode: 200, errors: []).json)
        case "BulkSaveResult":
            return APIResponse.make(["AssignedIds": .array(ids.map { .integer($0) }), "StatusCode": 200, "Messages": [], "Errors": [], "Success": true])
        default:
            guard let schema = call.operation.response else { return APIResponse.make([:]) }
            var value = self.store.generatedValue(schema, scope: call.scope, key: "\(call.operation.method.rawValue) \(call.operation.path)")
            if case .object(var object) = value, object["Id"]?.integer != nil, let id = ids.first {
                object["Id"] = .integer(id)
                value = .object(object)
            }
            return APIResponse.make(value)
        }
    }

    // MARK: Tables

    private static func collection(_ key: String, in specification: APISpecification) throws -> APICollection {
        guard let collection = specification.collections[key] else { throw XenaAPIError.badRequest("The collection \(key) is not documented.") }
        return collection
    }

    /// The table a call reads or writes, generated if this is its first use, after checking that the parent entity
    /// of a child collection exists; with the parent's id and the collection.
    private func table(_ call: Call, key: String, specification: APISpecification) throws -> (String, Int64?, APICollection) {
        let collection = try Self.collection(key, in: specification)
        var parentID: Int64?
        if let parentKey = collection.parent, let position = collection.parentPositions.last, position < call.segments.count {
            parentID = Int64(call.segments[position])
            if parentKey == "user/fiscalsetup", let parentID {
                // The user's companies, which the hand-written `User/FiscalSetup` route lists.
                guard call.companies.contains(parentID) else { throw XenaAPIError.notFound("FiscalSetup") }
            } else if let parent = specification.collections[parentKey], let parentID, parent.parent == nil {
                let parentTable = self.store.tableName(of: parent)
                self.store.prepare(
                    scope: call.scope, table: parentTable, collection: parent, fixed: self.fixedFields(parent, scope: call.scope, specification: specification))
                guard self.store.contains(scope: call.scope, table: parentTable, id: parentID) else {
                    throw XenaAPIError.notFound(message: parent.notFoundMessage)
                }
            }
        }
        var target = collection
        var table: String
        if let base = collection.viewOf.flatMap({ specification.collections[$0] }) {
            target = base
            table = self.store.tableName(of: base)
        } else if collection.parent == nil {
            table = self.store.tableName(of: collection)
        } else {
            table = collection.tableName(call.segments)
        }
        var fixed = self.fixedFields(target, scope: call.scope, specification: specification)
        if target == collection, let field = collection.parentField, let parentID { fixed[field] = .integer(parentID) }
        self.store.prepare(scope: call.scope, table: table, collection: target, fixed: fixed)
        return (table, parentID, collection)
    }

    func fixedFields(_ collection: APICollection, scope: Int64, specification: APISpecification) -> APIStore.Entity {
        guard scope > 0, let entity = collection.entity, specification.definitions[entity]?.properties["FiscalSetupId"] != nil else { return [:] }
        return ["FiscalSetupId": .integer(scope)]
    }

    private func operation(_ method: HTTPRequest.Method, _ segments: [String], _ specification: APISpecification) -> (
        operation: APIOperation, role: APISpecification.Role
    )? {
        guard case .operation(let index, _) = specification.match(method, segments) else { return nil }
        return (specification.operations[index], specification.roles[index])
    }
}
