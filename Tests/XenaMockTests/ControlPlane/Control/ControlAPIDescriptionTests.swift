import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XenaMock

/// `/_mock/openapi.json` describes exactly the control routes the server registers.
@Suite struct ControlAPIDescriptionTests {
    /// `{path in the document}` → its methods, from the routes the control plane registers.
    static func registeredRoutes() async throws -> [String: Set<String>] {
        let mock = try await TestServer.mock()
        let routes = EndpointRoutes(router: Router(context: XenaRequestContext.self))
        mock.controlPlane.addRoutes(to: routes)
        var table: [String: Set<String>] = [:]
        for (path, methods) in routes.registered {
            let relative = String(path.dropFirst(ControlPaths.root.count))
            let openAPIPath = relative.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            table["/" + openAPIPath, default: []].formUnion(methods.map { $0.rawValue.lowercased() })
        }
        return table
    }

    @Test func everyRouteIsDescribedAndEveryDescriptionIsARoute() async throws {
        let registered = try await Self.registeredRoutes()
        let document = ControlAPIDescription.document(baseURL: "http://localhost:5000")
        let paths = try #require(document.object?["paths"]?.object)
        let methods: Set<String> = ["get", "post", "put", "delete", "patch"]
        let described = paths.mapValues { Set(($0.object ?? [:]).keys.filter(methods.contains)) }
        #expect(described == registered)
        #expect(registered.count >= 15)
    }

    @Test func everyReferenceResolvesAndEveryOperationHasAnIDAndAnAnswer() throws {
        let document = ControlAPIDescription.document(baseURL: "http://localhost:5000")
        let schemas = try #require(document.object?["components"]?.object?["schemas"]?.object)
        let responses = try #require(document.object?["components"]?.object?["responses"]?.object)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let ref = members["$ref"]?.string { references.append(ref) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            let name = String(reference.split(separator: "/").last ?? "")
            if reference.hasPrefix("#/components/schemas/") {
                #expect(schemas[name] != nil, "\(reference)")
            } else {
                #expect(reference.hasPrefix("#/components/responses/") && responses[name] != nil, "\(reference)")
            }
        }
        var operationIDs = Set<String>()
        for (path, item) in try #require(document.object?["paths"]?.object) {
            for (method, operation) in item.object ?? [:] where method != "parameters" {
                let id = try #require(operation.object?["operationId"]?.string, "\(method) \(path)")
                #expect(operationIDs.insert(id).inserted, "operationId \(id) is unique")
                #expect(operation.object?["responses"]?.object?.isEmpty == false, "\(method) \(path)")
            }
        }
    }

    @Test func theServerServesItWithItsOwnAddress() async throws {
        try await TestServer.withRouter { client, mock in
            let response = try await client.control(.get, "/openapi.json")
            #expect(response.status == .ok)
            let document = try response.jsonValue()
            #expect(document.object?["openapi"] == "3.1.0")
            #expect(document.object?["servers"]?.elements?.first?.object?["url"]?.string == mock.kernel.currentIssuer.string + "/_mock")
        }
    }

    @Test func journalTimesAreRFC3339() async throws {
        try await TestServer.withRouter { client, _ in
            _ = try await client.execute(uri: "/.well-known/openid-configuration", method: .get)
            let page = try await client.control(.get, "/requests").jsonValue()
            let time = try #require(page.object?["requests"]?.elements?.first?.object?["time"]?.string)
            #expect(time.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil, "\(time)")
        }
    }
}
