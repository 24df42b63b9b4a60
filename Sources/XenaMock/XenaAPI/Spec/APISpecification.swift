import Foundation
import HTTPTypes

/// Xena's Swagger 2.0 document, indexed for serving: every operation with its parameters and answer, the
/// definitions, the route table, and the collections of entities the operations share.
///
/// Built from `fixtures/xena-api-swagger.json`; updating to a newer export of the real document is replacing that file.
public struct APISpecification: Sendable {
    /// What an operation does to the mock's data; see the README's "template rules".
    public enum Role: Sendable, Equatable {
        /// `GET` of a result set: lists the collection.
        case list(collection: String)
        /// `GET …/{id}`.
        case read(collection: String)
        /// `POST` on a collection.
        case create(collection: String)
        /// `PUT …/{id}`.
        case update(collection: String)
        /// `DELETE …/{id}`.
        case delete(collection: String)
        /// `PUT`/`POST …/{id}/Verb`, e.g. `Deactivate`, `Bookkeep`.
        case action(collection: String, verb: String)
        /// Anything else: answers a value of the documented type, or the template answer for its method.
        case value
    }

    /// Every documented operation, sorted by path.
    public let operations: [APIOperation]
    /// What each operation does, in the order of ``operations``.
    public let roles: [Role]
    /// The document's definitions by name, e.g. `OrderDto`.
    public let definitions: [String: APISchema]
    /// Collections by ``APICollection/key``.
    public let collections: [String: APICollection]
    /// Company collections at the top level (`Fiscal/{fiscalId}/X`), by lower-cased name: what an `XId` field refers to.
    let companyCollections: [String: String]
    let routes: APIRouteTable

    /// Reads the document.
    public init(document: JSONValue) throws(ConfigurationError) {
        guard let paths = document[path: "paths"]?.object, let definitionsJSON = document[path: "definitions"]?.object else {
            throw ConfigurationError("not a Swagger 2.0 document: expected 'paths' and 'definitions' objects")
        }
        self.definitions = definitionsJSON.mapValues(APISchema.init)
        var operations: [APIOperation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            guard path.lowercased().hasPrefix("/api/") else { continue }
            let shared = item.object?["parameters"]?.elements ?? []
            for method in ["get", "post", "put", "delete"] {
                guard let operation = item.object?[method]?.object else { continue }
                operations.append(Self.operation(method: method, path: path, json: operation, shared: shared))
            }
        }
        self.operations = operations
        self.routes = APIRouteTable(operations)
        self.collections = Self.collections(of: operations, definitions: self.definitions)
        var companyCollections: [String: String] = [:]
        for collection in self.collections.values where collection.scope == .company && collection.parent == nil && !collection.name.contains("/") {
            companyCollections[collection.name.lowercased()] = collection.key
        }
        self.companyCollections = companyCollections
        let collections = self.collections
        self.roles = operations.map { Self.role(of: $0, collections: collections) }
    }

    /// Reads the document from a file.
    public static func load(from file: URL) throws(ConfigurationError) -> APISpecification {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw ConfigurationError("\(file.path): cannot be read (\(error.localizedDescription))")
        }
        do {
            return try APISpecification(document: try JSONValue.parse(data))
        } catch let error as ConfigurationError {
            throw ConfigurationError("\(file.path): \(error.message)")
        } catch {
            throw ConfigurationError("\(file.path): invalid JSON (\(error))")
        }
    }

    /// The operation a request names.
    func match(_ method: HTTPRequest.Method, _ segments: [String]) -> APIRouteTable.Match {
        self.routes.match(method, segments)
    }

    /// The schema a `$ref` names, following references (at most a few steps).
    public func resolve(_ schema: APISchema) -> APISchema {
        var current = schema
        for _ in 0..<4 {
            guard let reference = current.reference, let target = self.definitions[reference] else { return current }
            let readOnly = current.readOnly
            current = target
            current.readOnly = current.readOnly || readOnly
        }
        return current
    }

    /// The entity with `null` for every property its definition declares and it lacks, in nested objects too, as
    /// ASP.NET's serializer writes absent values.
    public func completed(_ entity: [String: JSONValue], definition: String, depth: Int = 0) -> [String: JSONValue] {
        guard depth < 4, let schema = self.definitions[definition] else { return entity }
        var entity = entity
        for (name, property) in schema.properties {
            switch entity[name] {
            case nil:
                entity[name] = .null
            case .object(let nested)?:
                if let reference = property.reference { entity[name] = .object(self.completed(nested, definition: reference, depth: depth + 1)) }
            case .array(let elements)?:
                if let reference = property.items?.reference {
                    entity[name] = .array(
                        elements.map { element in
                            element.object.map { .object(self.completed($0, definition: reference, depth: depth + 1)) } ?? element
                        })
                }
            default:
                continue
            }
        }
        return entity
    }

    /// The company collection an `XId` field refers to (`PartnerId` → `Partner`), if there is one.
    func referencedCollection(field: String) -> APICollection? {
        guard field.count > 2, field.hasSuffix("Id") else { return nil }
        return self.companyCollections[field.dropLast(2).lowercased()].flatMap { self.collections[$0] }
    }

    // MARK: Reading operations

    private static func operation(method: String, path: String, json: [String: JSONValue], shared: [JSONValue]) -> APIOperation {
        let segments: [APIOperation.Segment] = path.split(separator: "/").dropFirst().map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? .parameter(String(segment.dropFirst().dropLast())) : .literal(String(segment))
        }
        var pathParameters: [String: APIParameter] = [:]
        var queryParameters: [APIParameter] = []
        var body: APISchema?
        for parameter in shared + (json["parameters"]?.elements ?? []) {
            guard let members = parameter.object else { continue }
            switch members["in"]?.string {
            case "path": pathParameters[members["name"]?.string ?? ""] = APIParameter(members)
            case "query": queryParameters.append(APIParameter(members))
            case "body": body = members["schema"].map(APISchema.init)
            default: continue
            }
        }
        let responses = json["responses"]?.object ?? [:]
        return APIOperation(
            method: HTTPRequest.Method(method.uppercased()) ?? .get, path: path, segments: segments, pathParameters: pathParameters,
            queryParameters: queryParameters, body: body, response: responses["200"]?.object?["schema"].map(APISchema.init),
            notFoundMessage: responses["404"]?.object?["description"]?.string, deprecated: json["deprecated"]?.bool ?? false)
    }

    static func key(_ segments: some Collection<APIOperation.Segment>) -> String {
        segments.map { segment in
            switch segment {
            case .literal(let text): text.lowercased()
            case .parameter: "{}"
            }
        }.joined(separator: "/")
    }

    /// The element definition and envelope of a list answer: `PagedResultSet[X]`, `EnumerableResultSet[X]` or `[X]`.
    static func listing(of response: APISchema?, definitions: [String: APISchema]) -> (entity: String, listing: APICollection.Listing)? {
        guard let response else { return nil }
        if response.kind == .array, let element = response.items?.reference { return (element, .array) }
        guard let name = response.reference, let envelope = definitions[name], let element = envelope.properties["Entities"]?.items?.reference
        else { return nil }
        if name.hasPrefix("PagedResultSet[") { return (element, .paged) }
        if name.hasPrefix("EnumerableResultSet[") { return (element, .enumerable) }
        return nil
    }

    // MARK: Collections

    private static func collections(of operations: [APIOperation], definitions: [String: APISchema]) -> [String: APICollection] {
        struct Draft {
            var segments: [APIOperation.Segment]
            var entity: String?
            var listing: APICollection.Listing?
            var notFound: String?
            var byIDBody: String?
            var createBody: String?
            var readAnswer: String?
            var hasWrites = false
            var hasCreate = false
            var createAnswer: String?
        }
        var drafts: [String: Draft] = [:]
        for operation in operations {
            if operation.method == .get, let (entity, listing) = Self.listing(of: operation.response, definitions: definitions) {
                let key = Self.key(operation.segments)
                drafts[key, default: Draft(segments: operation.segments)].entity = entity
                drafts[key]?.listing = listing
            }
            guard operation.endsInParameter, operation.segments.count >= 2, [.get, .put, .delete].contains(operation.method) else { continue }
            let base = Array(operation.segments.dropLast())
            let key = Self.key(base)
            var draft = drafts[key] ?? Draft(segments: base)
            draft.notFound = draft.notFound ?? operation.notFoundMessage
            if operation.method == .put { draft.byIDBody = draft.byIDBody ?? operation.body?.reference }
            if operation.method != .get { draft.hasWrites = true }
            if operation.method == .get { draft.readAnswer = draft.readAnswer ?? operation.response?.reference }
            drafts[key] = draft
        }
        for operation in operations where operation.method == .post && !operation.endsInParameter {
            // A POST creates when it answers nothing, a SaveResult or an entity; one answering a file, a report or a
            // list is an operation of its own (`Blob/…/Download` answers the files).
            let answer = operation.response?.reference
            let answersEntity = answer.map { definitions[$0]?.properties["Id"] != nil } ?? false
            guard operation.response == nil || answer == "SaveResult" || answer == "BulkSaveResult" || answersEntity else { continue }
            drafts[Self.key(operation.segments)]?.hasCreate = true
            if answersEntity { drafts[Self.key(operation.segments)]?.createAnswer = answer }
            drafts[Self.key(operation.segments)]?.createBody = operation.body?.reference
        }

        var collections: [String: APICollection] = [:]
        for (key, draft) in drafts {
            let segments = draft.segments
            // Collections are what a list or a create makes; by-id operations alone (`Setting/Bool/{setting}`) are values.
            guard draft.listing != nil || draft.hasCreate else { continue }
            let (scope, companyPosition) = APICollection.scope(of: segments)
            let skip = companyPosition == 1 ? 2 : 0
            let named = segments.dropFirst(skip)
            let name = named.map { segment in
                switch segment {
                case .literal(let text): text
                case .parameter: "{}"
                }
            }.joined(separator: "/")
            let lastLiteral = segments.last.flatMap { if case .literal(let text) = $0 { text } else { nil } } ?? name
            let entity =
                draft.entity ?? draft.readAnswer ?? draft.createAnswer ?? draft.byIDBody ?? draft.createBody
                ?? (definitions["\(lastLiteral)Dto"] != nil ? "\(lastLiteral)Dto" : nil)
            let parentPositions = segments.indices.filter { index in
                guard index >= skip, index != companyPosition else { return false }
                if case .parameter = segments[index] { return true }
                return false
            }
            var parent: String?
            var parentField: String?
            if let position = parentPositions.last, position > 0, case .literal(let parentName) = segments[position - 1] {
                parent = Self.key(segments[..<position])
                let field = "\(parentName)Id"
                if let entity, definitions[entity]?.properties[field] != nil { parentField = field }
            }
            collections[key] = APICollection(
                key: key, scope: scope, name: name, entity: entity, listing: draft.listing,
                notFoundMessage: draft.notFound ?? "\(lastLiteral) not found.", parent: parent, parentField: parentField, viewOf: nil,
                parentPositions: parentPositions, depth: segments.count)
        }
        // A child list whose entities also form a company-wide collection is a filtered view of it.
        for (key, collection) in collections where collection.parent != nil && collection.parentField != nil {
            guard collection.scope == .company, collection.parentPositions.count == 1, let last = collection.name.split(separator: "/").last else { continue }
            let topKey = "fiscal/{}/" + last.lowercased()
            guard let top = collections[topKey], top.entity == collection.entity || collection.entity == nil else { continue }
            collections[key]?.viewOf = topKey
        }
        return collections
    }

    private static func role(of operation: APIOperation, collections: [String: APICollection]) -> Role {
        let key = Self.key(operation.segments)
        if operation.endsInParameter, operation.segments.count >= 2 {
            let base = Self.key(operation.segments.dropLast())
            if collections[base] != nil {
                switch operation.method {
                case .get: return .read(collection: base)
                case .put: return .update(collection: base)
                case .delete: return .delete(collection: base)
                default: break
                }
            }
        }
        if let collection = collections[key] {
            switch operation.method {
            case .get where collection.listing != nil: return .list(collection: key)
            case .post: return .create(collection: key)
            default: break
            }
        }
        if [.put, .post].contains(operation.method), operation.segments.count >= 3, case .literal(let verb) = operation.segments.last,
            case .parameter = operation.segments[operation.segments.count - 2]
        {
            let base = Self.key(operation.segments.dropLast(2))
            if collections[base] != nil { return .action(collection: base, verb: verb) }
        }
        return .value
    }
}
