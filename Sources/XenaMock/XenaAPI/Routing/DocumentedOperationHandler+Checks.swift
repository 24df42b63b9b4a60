import Foundation
import HTTPTypes
import Hummingbird
import NIOFoundationEssentialsCompat

/// What a documented operation checks before it acts: path and query parameters, bodies, references.
extension DocumentedOperationHandler {
    /// The entity's id: the last path parameter (or, for an action, the one before the verb).
    static func entityID(_ call: Call, atEnd: Bool = true, collection: APICollection) throws -> Int64 {
        let position = atEnd ? call.segments.count - 1 : call.segments.count - 2
        guard position >= 0, let id = Int64(call.segments[position]) else { throw XenaAPIError.notFound(message: collection.notFoundMessage) }
        return id
    }

    /// Typed path parameters: a whole number where the document says integer, else a 400 naming the parameter.
    static func checkPathParameters(_ call: Call) throws {
        for (name, value) in call.parameters {
            // `fiscalId` is a string in the document; the controller reads it (text names no company).
            guard let parameter = call.operation.pathParameters[name], parameter.type == .integer else { continue }
            let fits = parameter.format == "int32" ? Int32(value) != nil : Int64(value) != nil
            guard !fits else { continue }
            let range = parameter.format == "int32" ? "\(Int32.min) and \(Int32.max)" : "\(Int64.min) and \(Int64.max)"
            throw XenaAPIError.badRequest("The value '\(value)' is not valid for \(name): use a whole number between \(range).")
        }
    }

    /// Required and typed query parameters, matched case-insensitively; the list options under any spelling.
    func checkQuery(_ operation: APIOperation, request: Request) throws -> ListOptions {
        let query = request.uri.queryParameters
        // Most requests carry no query: then only required parameters can be wrong.
        if query.isEmpty {
            if let missing = operation.queryParameters.first(where: \.isRequired) {
                throw XenaAPIError.badRequest("The \(missing.name) parameter is required.")
            }
            return ListOptions()
        }
        var values: [String: [Substring]] = [:]
        for (name, value) in query { values[name.lowercased(), default: []].append(value) }
        for parameter in operation.queryParameters {
            let given = values[parameter.name.lowercased()] ?? []
            if given.isEmpty {
                if parameter.isRequired { throw XenaAPIError.badRequest("The \(parameter.name) parameter is required.") }
                continue
            }
            // The list options are read, under every spelling, by ListOptions below.
            if ListOptions.isListOption(parameter.name) { continue }
            for value in given {
                if let problem = parameter.problem(with: value) { throw XenaAPIError.badRequest(problem) }
            }
        }
        return try ListOptions(query: query)
    }

    /// The body of a create or update as the entity to store: checked against the documented body schema, the
    /// properties the entity does not declare and the read-only ones left out, references checked.
    func checkedEntity(
        _ body: JSONValue, operation: APIOperation, collection: APICollection, scope: Int64, specification: APISpecification
    ) throws -> APIStore.Entity {
        if let schema = operation.body {
            let problems = BodyValidator(specification: specification).problems(body, against: schema)
            if !problems.isEmpty { throw XenaAPIError.rejected(problems) }
        }
        guard var entity = body.object else { throw XenaAPIError.rejected([.init(path: "", message: "The body must be a JSON object.")]) }
        let definition = collection.entity.flatMap { specification.definitions[$0] }
        if let definition {
            entity = entity.filter { name, _ in
                guard let property = definition.properties[name] else { return false }
                return !property.readOnly || name == "Version"
            }
        }
        let problems = self.referenceProblems(entity, scope: scope, definition: definition, skipping: collection, specification: specification)
        if !problems.isEmpty { throw XenaAPIError.rejected(problems) }
        return entity
    }

    /// `…Id` fields of a body that name a company collection (`PartnerId` → `Partner`) and an entity that does not
    /// exist in the company. Entity ids are 64-bit: an int32 `…Id` (in report filters) names something else.
    func referenceProblems(
        _ body: APIStore.Entity, scope: Int64, definition: APISchema?, skipping collection: APICollection?, specification: APISpecification
    ) -> [SaveResult.FieldError] {
        guard scope > 0 else { return [] }
        var problems: [SaveResult.FieldError] = []
        for (field, value) in body.sorted(by: { $0.key < $1.key }) {
            guard let id = value.integer, field != collection?.parentField, let referenced = specification.referencedCollection(field: field),
                referenced.key != collection?.key, definition?.properties[field]?.format != "int32", definition?.properties[field]?.readOnly != true
            else { continue }
            let table = self.store.tableName(of: referenced)
            self.store.prepare(
                scope: scope, table: table, collection: referenced, fixed: self.fixedFields(referenced, scope: scope, specification: specification))
            if !self.store.contains(scope: scope, table: table, id: id) {
                problems.append(.init(path: field, message: referenced.notFoundMessage.replacingOccurrences(of: " not found.", with: " \(id) not found.")))
            }
        }
        return problems
    }

    /// The problems of a body against the operation's documented body: its schema, then its references.
    func problems(_ body: JSONValue, operation: APIOperation, scope: Int64, specification: APISpecification) -> [SaveResult.FieldError] {
        guard let schema = operation.body else { return [] }
        let problems = BodyValidator(specification: specification).problems(body, against: schema)
        guard problems.isEmpty, let object = body.object else { return problems }
        return self.referenceProblems(object, scope: scope, definition: specification.resolve(schema), skipping: nil, specification: specification)
    }

    /// Reads and checks a body the operation may carry (actions and other writes); an empty body is accepted.
    @discardableResult
    func checkOptionalBody(
        _ operation: APIOperation, scope: Int64, specification: APISpecification, request: Request, context: XenaRequestContext
    ) async throws -> JSONValue? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        let body: JSONValue
        do {
            body = try JSONValue.parse(Data(buffer: buffer))
        } catch {
            throw XenaAPIError.badRequest("The request body is not valid JSON.")
        }
        let problems = self.problems(body, operation: operation, scope: scope, specification: specification)
        if !problems.isEmpty { throw XenaAPIError.rejected(problems) }
        return body
    }
}
