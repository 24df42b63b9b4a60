import Hummingbird

/// Runs after authentication on every `/Api` route: matches the request against the route table built from Xena's
/// document and applies the document's rules before any route does — a company the user is not in is a 403 first
/// (authorization before model binding, as in ASP.NET), then typed path parameters and required query parameters.
/// The operation goes into the context (``APICall/operation``) for the routes' body checks.
struct DocumentedOperationMiddleware: RouterMiddleware {
    typealias Context = XenaRequestContext

    let specification: APISpecificationLoader
    let handler: DocumentedOperationHandler
    let companies: CompanyAuthorizer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let segments = context.apiCall.segments
        if let specification = try? await self.specification.specification(),
            case .operation(let index, let parameters) = specification.match(request.method, segments)
        {
            let operation = specification.operations[index]
            if case (.company, let position?) = APICollection.scope(of: operation.segments) {
                try self.companies.authorize(try context.apiCall.authenticatedUser(), fiscalID: try CompanyAuthorizer.fiscalID(segments[position]))
            }
            let call = DocumentedOperationHandler.Call(
                operation: operation, role: specification.roles[index], parameters: parameters, segments: segments, scope: 0, companies: [])
            try DocumentedOperationHandler.checkPathParameters(call)
            _ = try self.handler.checkQuery(operation, request: request)
            context.apiCall.operation = operation
            context.apiCall.specification = specification
        }
        return try await next(request, context)
    }
}
