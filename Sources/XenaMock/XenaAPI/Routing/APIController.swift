import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationEssentialsCompat

/// The stub Xena API's routes under `/Api`, on Hummingbird's router (case-insensitive, as ASP.NET matches).
///
/// Every route passes ``APIAuthenticationMiddleware`` (the bearer token; the user goes into the context) and
/// ``DocumentedOperationMiddleware`` (the document's parameter rules and the company check) first. Then:
/// - `User/FiscalSetup`, `User/XenaUserMembership[/{id}]`, `User/ClientAuthorization[/{id}]`;
/// - `Fiscal/{fiscalId}/FiscalSetup` (GET, PUT);
/// - `Fiscal/{fiscalId}/{Resource}` (GET list, POST) and `/{id}` (GET, PUT, DELETE) for every resource in the fixtures;
/// - `Fiscal/{fiscalId}/{Parent}/{id}/{Resource}`: the entities of a resource whose `parents` field points at that parent;
/// - aliases such as `Order/Invoice`, and `WebHook/{id}/WebHookFailures`;
/// - every other operation of Xena's document, by the route table built from it (``DocumentedOperationHandler``),
///   which also answers whatever the routes above do not serve.
struct APIController: Sendable {
    typealias Context = XenaRequestContext

    let store: APIStore
    let authorizer: APIAuthorizer
    let consents: ConsentRecordStore
    let webhooks: WebhookDispatcher
    let specification: APISpecificationLoader
    let issuer: PublicIssuer

    static let pathPrefix = "/api"

    /// Adds the API's routes; the router must match paths case-insensitively.
    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(PublishedDocument.path)) { request, _ in
            let document = try PublishedDocument.make(file: self.specification.file, issuer: self.issuer.current, host: request.head.authority)
            return JSONResponse.make(encoded: document)
        }
        let api = router.group(RouterPath(Self.pathPrefix))
            .add(middleware: APIAuthenticationMiddleware(authorizer: self.authorizer))
            .add(middleware: DocumentedOperationMiddleware(specification: self.specification, handler: self.handler, companies: self.companies))
        self.on(api, "User/FiscalSetup") { request, _, user in try self.userRoute(["fiscalsetup"], request: request, user: user) }
        for collection in ["XenaUserMembership", "ClientAuthorization"] {
            let name = collection.lowercased()
            self.on(api, "User/\(collection)") { request, _, user in try self.userRoute([name], request: request, user: user) }
            self.on(api, "User/\(collection)/:id") { request, context, user in
                try self.userRoute([name, context.parameters.get("id") ?? ""], request: request, user: user)
            }
        }
        // A company's routes: its FiscalSetup, then a resource, an entity, or a nested list, alias or WebHookFailures.
        for pattern in ["Fiscal/:fiscalId/:a", "Fiscal/:fiscalId/:a/:b", "Fiscal/:fiscalId/:a/:b/:c"] {
            self.on(api, pattern) { request, context, user in
                let fiscalID = try CompanyAuthorizer.fiscalID(context.parameters.get("fiscalId") ?? "")
                try self.companies.authorize(user, fiscalID: fiscalID)
                let rest = ["a", "b", "c"].compactMap { context.parameters.get($0) }
                return try await self.fiscalRoute(rest, fiscalID: fiscalID, request: request, context: context, checks: self.checks(context))
            }
        }
        // Everything else the document describes; these also keep a path's parents from shadowing the catch-all.
        for pattern in ["", "User", "Fiscal", "Fiscal/:fiscalId", "**"] {
            self.on(api, pattern) { _, _, _ in throw XenaAPIError.noRoute("") }
        }
    }

    /// Registers `handler` for every method at `path` under `/Api`; what it does not serve (no route, or another
    /// method) goes to the documented operations.
    private func on(
        _ api: RouterGroup<Context>, _ path: String, _ handler: @escaping @Sendable (Request, Context, UserFixture) async throws -> Response
    ) {
        for method: HTTPRequest.Method in [.get, .head, .post, .put, .delete, .patch] {
            api.on(RouterPath(path), method: method) { request, context in
                let user = try context.apiCall.authenticatedUser()
                do {
                    return try await handler(request, context, user)
                } catch let error as XenaAPIError where error.isNoRoute || error.status == .methodNotAllowed {
                    let otherwise = error.isNoRoute ? XenaAPIError.noRoute(request.uri.path) : error
                    return try await self.documented(context.apiCall.segments, request: request, context: context, user: user, otherwise: otherwise)
                }
            }
        }
    }

    private var handler: DocumentedOperationHandler {
        DocumentedOperationHandler(store: self.store, webhooks: self.webhooks)
    }

    private var companies: CompanyAuthorizer { CompanyAuthorizer(store: self.store) }

    /// The body checks of the operation the middleware matched.
    private func checks(_ context: Context) -> DocumentedChecks {
        DocumentedChecks(handler: self.handler, specification: context.apiCall.specification, operation: context.apiCall.operation)
    }

    /// The documented body rules for a hand-written route's request.
    struct DocumentedChecks {
        let handler: DocumentedOperationHandler
        let specification: APISpecification?
        let operation: APIOperation?

        /// The request's JSON body, refused with a 400 SaveResult when it breaks the documented schema or names a
        /// missing entity of the company.
        func body(of request: Request, context: Context, fiscalID: Int64) async throws -> JSONValue {
            let body = try await APIController.body(of: request, context: context)
            guard let specification, let operation else { return body }
            let problems = self.handler.problems(body, operation: operation, scope: fiscalID, specification: specification)
            if !problems.isEmpty { throw XenaAPIError.rejected(problems) }
            return body
        }
    }

    /// The operations of Xena's Swagger document that the routes above do not serve.
    private func documented(_ segments: [String], request: Request, context: Context, user: UserFixture, otherwise: XenaAPIError) async throws
        -> Response
    {
        let specification: APISpecification
        do {
            specification = try await self.specification.specification()
        } catch {
            context.logger.error("the API description cannot be read", metadata: ["file": "\(self.specification.file.path)", "error": "\(error)"])
            throw XenaAPIError(
                status: .internalServerError, body: .message("The API description \(self.specification.file.path) cannot be read; the server's log says why."),
                headers: [:])
        }
        switch specification.match(request.method, segments) {
        case .none:
            throw otherwise
        case .methodNotAllowed(let allowed):
            throw XenaAPIError.methodNotAllowed(request.method, allowed: allowed)
        case .operation(let index, let parameters):
            let operation = specification.operations[index]
            let scope: Int64
            switch APICollection.scope(of: operation.segments) {
            case (.company, let position?):
                scope = try CompanyAuthorizer.fiscalID(segments[position])
                try self.companies.authorize(user, fiscalID: scope)
            case (.user, _):
                scope = 0 &- user.xenaUserID
            default:
                scope = 0
            }
            let call = DocumentedOperationHandler.Call(
                operation: operation, role: specification.roles[index], parameters: parameters, segments: segments, scope: scope,
                companies: Set(user.memberships.map(\.fiscalSetupID)))
            return try await self.handler.respond(to: call, specification: specification, request: request, context: context)
        }
    }

    // MARK: Routes

    private func userRoute(_ path: [String], request: Request, user: UserFixture) throws -> Response {
        try Self.require(request, [.get])
        let options = try ListOptions(query: request.uri.queryParameters)
        var entities: [APIStore.Entity]
        let entityName: String
        let textFields: [String]
        switch path.first {
        case "fiscalsetup" where path.count == 1:
            let setups = self.store.fiscalSetups(ids: Set(user.memberships.map(\.fiscalSetupID)))
            return APIResponse.make(options.apply(to: setups, textFields: ["Address.Name", "OrgNumber"]))
        case "xenausermembership":
            (entities, entityName, textFields) = (self.memberships(of: user), "XenaUserMembership", ["FiscalSetupName"])
        case "clientauthorization":
            (entities, entityName, textFields) = (self.clientAuthorizations(of: user), "ClientAuthorization", ["Name", "Description"])
        default:
            throw XenaAPIError.noRoute(request.uri.path)
        }
        // Every property the document declares, as for every other entity.
        if let specification = self.store.specification, let definition = specification.collections["user/" + path[0]]?.entity {
            entities = entities.map { specification.completed($0, definition: definition) }
        }
        switch path.count {
        case 1:
            return APIResponse.make(options.apply(to: entities, textFields: textFields))
        case 2:
            let id = try self.id(path[1], request: request)
            guard let entity = entities.first(where: { $0["Id"]?.integer == id }) else { throw XenaAPIError.notFound(entityName) }
            return APIResponse.make(.object(entity))
        default:
            throw XenaAPIError.noRoute(request.uri.path)
        }
    }

    private func fiscalRoute(_ path: [String], fiscalID: Int64, request: Request, context: Context, checks: DocumentedChecks) async throws -> Response {
        let lowered = path.map { $0.lowercased() }
        if lowered == ["fiscalsetup"] {
            try Self.require(request, [.get, .put])
            if request.method == .put {
                let updated = try self.store.updateFiscalSetup(fiscalID, body: try await checks.body(of: request, context: context, fiscalID: fiscalID))
                return APIResponse.make(.object(updated))
            }
            return APIResponse.make(.object(self.store.fiscalSetup(fiscalID) ?? [:]))
        }
        // An alias route (Order/Invoice) names a resource by more than one segment.
        for length in stride(from: min(lowered.count, 3), through: 2, by: -1) {
            if let resource = self.store.aliasRoutes[lowered.prefix(length).joined(separator: "/")] {
                return try await self.resourceRoute(
                    resource, rest: Array(lowered.dropFirst(length)), fiscalID: fiscalID, request: request, context: context, checks: checks)
            }
        }
        guard let resource = self.store.resourceName(lowered[0]) else { throw XenaAPIError.noRoute(request.uri.path) }
        if lowered.count == 3, lowered[2] == "webhookfailures", resource == "WebHook" {
            try Self.require(request, [.get])
            let id = try self.id(lowered[1], request: request)
            guard self.store.entity(fiscalID: fiscalID, resource: resource, id: id) != nil else { throw XenaAPIError.notFound("WebHook") }
            let failures = self.store.webhookFailures(webHookID: id).map(Self.failureEntity)
            return APIResponse.make(try ListOptions(query: request.uri.queryParameters).apply(to: failures, textFields: ["Message"]))
        }
        if lowered.count == 3 {
            return try self.nestedList(
                parent: resource, parentID: try self.id(lowered[1], request: request), child: lowered[2], fiscalID: fiscalID, request: request)
        }
        return try await self.resourceRoute(resource, rest: Array(lowered.dropFirst()), fiscalID: fiscalID, request: request, context: context, checks: checks)
    }

    /// `{Resource}` and `{Resource}/{id}`.
    private func resourceRoute(_ resource: String, rest: [String], fiscalID: Int64, request: Request, context: Context, checks: DocumentedChecks) async throws
        -> Response
    {
        let definition = self.store.definition(resource)
        let writable = definition.writable
        self.prepareTable(of: resource, fiscalID: fiscalID)
        switch rest.count {
        case 0:
            try Self.require(request, writable ? [.get, .post] : [.get])
            if request.method == .post {
                let (entity, events) = try self.store.create(
                    fiscalID: fiscalID, resource: resource, body: try await checks.body(of: request, context: context, fiscalID: fiscalID))
                self.webhooks.notify(events)
                return APIResponse.make(self.presented(entity, resource: resource))
            }
            let options = try ListOptions(query: request.uri.queryParameters)
            guard !Self.hasComputedFields(resource) else {
                let entities = self.store.entities(fiscalID: fiscalID, resource: resource).map { self.presented($0, resource: resource).object ?? [:] }
                return APIResponse.make(options.apply(to: entities, textFields: definition.textFields))
            }
            return JSONResponse.make(encoded: self.store.encodedPage(fiscalID: fiscalID, resource: resource, options: options))
        case 1:
            try Self.require(request, writable ? [.get, .put, .delete] : [.get])
            let id = try self.id(rest[0], request: request)
            switch request.method {
            case .put:
                // A missing entity is a 404 before its body is looked at.
                guard self.store.entity(fiscalID: fiscalID, resource: resource, id: id) != nil else {
                    throw XenaAPIError.notFound(self.store.entityName(resource))
                }
                let (entity, events) = try self.store.update(
                    fiscalID: fiscalID, resource: resource, id: id, body: try await checks.body(of: request, context: context, fiscalID: fiscalID))
                self.webhooks.notify(events)
                return APIResponse.make(self.presented(entity, resource: resource))
            case .delete:
                let events = try self.store.delete(fiscalID: fiscalID, resource: resource, id: id)
                self.webhooks.notify(events)
                return APIResponse.make(["Id": .integer(id), "Messages": [], "Success": true, "NewState": "Deleted"])
            default:
                if !Self.hasComputedFields(resource), let encoded = self.store.encodedEntity(fiscalID: fiscalID, resource: resource, id: id) {
                    return JSONResponse.make(encoded: encoded)
                }
                guard let entity = self.store.entity(fiscalID: fiscalID, resource: resource, id: id) else {
                    throw XenaAPIError.notFound(self.store.entityName(resource))
                }
                return APIResponse.make(self.presented(entity, resource: resource))
            }
        default:
            throw XenaAPIError.noRoute(request.uri.path)
        }
    }

    /// `{Parent}/{id}/{Child}`: e.g. `Order/{id}/OrderTask`, `Partner/{id}/Order`, `Partner/{id}/Invoice`.
    private func nestedList(parent: String, parentID: Int64, child: String, fiscalID: Int64, request: Request) throws -> Response {
        let relation = self.store.childRelations(of: parent).first { relation in
            relation.resource.lowercased() == child
                || self.store.definition(relation.resource).route?.split(separator: "/").last?.lowercased() == child
        }
        guard let relation else { throw XenaAPIError.noRoute(request.uri.path) }
        try Self.require(request, [.get])
        guard self.store.entity(fiscalID: fiscalID, resource: parent, id: parentID) != nil else {
            throw XenaAPIError.notFound(self.store.entityName(parent))
        }
        let options = try ListOptions(query: request.uri.queryParameters)
        return JSONResponse.make(
            encoded: self.store.encodedPage(fiscalID: fiscalID, resource: relation.resource, options: options) { $0[relation.field]?.integer == parentID })
    }

    // MARK: Helpers

    /// A fixture resource that one company's files override is generated, as documented, for the others.
    private func prepareTable(of resource: String, fiscalID: Int64) {
        // Resources with rules in resources.json have a table in every company from the start.
        guard self.store.fixtures.definitions[resource] == nil, let specification = self.store.specification else { return }
        let key = "fiscal/{}/" + (self.store.definition(resource).route ?? resource).lowercased()
        guard let collection = specification.collections[key], collection.parent == nil else { return }
        self.store.prepare(
            scope: fiscalID, table: resource, collection: collection, fixed: self.handler.fixedFields(collection, scope: fiscalID, specification: specification)
        )
    }

    /// Resources with fields computed at read time, which cannot be served from the encoded cache.
    private static func hasComputedFields(_ resource: String) -> Bool {
        resource == "WebHook"
    }

    /// Adds the fields the server computes when an entity is read.
    private func presented(_ entity: APIStore.Entity, resource: String) -> JSONValue {
        guard resource == "WebHook", let id = entity["Id"]?.integer else { return .object(entity) }
        var hook = entity
        hook["WindowFailureCount"] = .integer(Int64(self.store.webhookFailureCount(webHookID: id, within: WebhookDispatcher.failureWindow)))
        return .object(hook)
    }

    private static func failureEntity(_ failure: APIStore.WebhookFailure) -> APIStore.Entity {
        [
            "Id": .integer(failure.id), "WebHookId": .integer(failure.webHookID), "CreatedAt": .string(APITimestamp.format(failure.occurredAt)),
            "StatusCode": failure.statusCode.map { .integer(Int64($0)) } ?? .null, "Message": .string(failure.message),
        ]
    }

    private func memberships(of user: UserFixture) -> [APIStore.Entity] {
        user.memberships.map { membership in
            let setup = self.store.fiscalSetup(membership.fiscalSetupID) ?? [:]
            return [
                "Id": .integer(membership.membershipID), "MembershipId": .integer(membership.membershipID),
                "FiscalSetupId": .integer(membership.fiscalSetupID), "UserId": .integer(user.xenaUserID),
                "FiscalSetupName": JSONValue.object(setup)[path: "Address.Name"] ?? .null,
                "CurrencyAbbreviation": setup["CurrencyAbbreviation"] ?? .null, "SecurityGroups": .string(membership.securityGroups),
                "ResourceName": .string(user.name), "PictureUrl": user.picture.map { .string($0) } ?? .null,
            ]
        }
    }

    private func clientAuthorizations(of user: UserFixture) -> [APIStore.Entity] {
        self.consents.records(subject: user.subject).map { record in
            [
                "Id": .integer(record.id), "UserId": .integer(user.xenaUserID), "Name": .string(record.clientName),
                "Description": .string(record.clientID), "Scope": .string(record.scopes.joined(separator: " ")),
                "CreatedOnUtc": .string(APITimestamp.format(record.createdAt)), "ExpirationDateUtc": .null,
            ]
        }
    }

    private func id(_ text: String, request: Request) throws(XenaAPIError) -> Int64 {
        try Self.id(text, name: "id", request: request)
    }

    /// A path id of a hand-written route: a 64-bit integer. Text is no route here, so that a documented literal
    /// path (`Partner/Search`) is served by the documented operations; where the document has an `{id}`, its check
    /// has already refused text with a 400 naming the parameter.
    private static func id(_ text: String, name: String, request: Request) throws(XenaAPIError) -> Int64 {
        if let id = Int64(text) { return id }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .noRoute(request.uri.path) }
        throw .badRequest("The value '\(text)' is not valid for \(name): use a whole number between \(Int64.min) and \(Int64.max).")
    }

    private static func require(_ request: Request, _ methods: [HTTPRequest.Method]) throws(XenaAPIError) {
        guard methods.contains(request.method) else { throw .methodNotAllowed(request.method, allowed: methods) }
    }

    /// A JSON request body; anything else is a 400 saying why.
    static func body(of request: Request, context: Context) async throws -> JSONValue {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw XenaAPIError.badRequest("The request body is empty; send the entity as JSON.") }
        if let contentType = request.headers[.contentType]?.lowercased(), !contentType.contains("json") {
            throw XenaAPIError.badRequest("Send the entity as application/json; '\(contentType)' is not supported by this mock.")
        }
        do {
            return try JSONValue.parse(Data(buffer: buffer))
        } catch {
            throw XenaAPIError.badRequest("The request body is not valid JSON.")
        }
    }
}
