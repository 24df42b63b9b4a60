import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct APIListTests {
    static let partners = "Fiscal/\(APIClient.norrebro)/Partner"

    static func list(_ api: APIClient, _ query: String) async throws -> (count: Int64, entities: [JSONValue]) {
        let response = try await api.get(Self.partners + query)
        #expect(response.status == .ok, "\(query)")
        let body = try response.jsonValue().object ?? [:]
        guard case .array(let entities) = body["Entities"] else { return (-1, []) }
        return (body["Count"]?.integer ?? -1, entities)
    }

    @Test func pagesDefaultToTenAndCountIsEveryMatch() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let first = try await Self.list(api, "")
            #expect(first.count == 28, "30 partners, 2 deactivated")
            #expect(first.entities.count == 10)
            var seen = Set<Int64>()
            for page in 0..<3 {
                let result = try await Self.list(api, "?Page=\(page)")
                #expect(result.count == 28)
                seen.formUnion(result.entities.compactMap { $0.object?["Id"]?.integer })
            }
            #expect(seen.count == 28)
            #expect(try await Self.list(api, "?Page=3").entities.isEmpty)
            #expect(try await Self.list(api, "?page=1&pagesize=20").entities.count == 8)
        }
    }

    @Test func optionNamesAreCaseInsensitiveWithOrWithoutPrefix() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            #expect(try await Self.list(api, "?listOptions.pageSize=5").entities.count == 5)
            #expect(try await Self.list(api, "?LISTOPTIONS.PAGESIZE=3&listOptions.page=1").entities.count == 3)
            #expect(try await Self.list(api, "?ForceNoPaging=true").entities.count == 28)
            #expect(try await Self.list(api, "?forceNoPaging=TRUE&ShowDeactivated=true").entities.count == 30)
            #expect(try await Self.list(api, "?listOptions.showDeactivated=true").count == 30)
        }
    }

    @Test func queryStringSearchesTextFields() async throws {
        try await TestServer.withRouter { client, _ in
            let api = try await APIClient.alice(client)
            let result = try await Self.list(api, "?queryString=fjordkaffe")
            #expect(result.count == 1)
            #expect(result.entities.first?[path: "Address.Name"] == "Fjordkaffe A/S")
            #expect(try await Self.list(api, "?queryString=K%C3%B8benhavn+N&ForceNoPaging=true").count > 5)
            #expect(try await Self.list(api, "?queryString=zzz-nothing").count == 0)
        }
    }

    @Test(arguments: ["PageSize=-1", "PageSize=0", "Page=abc", "Page=-2", "ForceNoPaging=maybe", "listOptions.showDeactivated=1"])
    func invalidValuesAre400WithAMessage(_ query: String) async throws {
        try await TestServer.withRouter { client, _ in
            let response = try await APIClient.alice(client).get(Self.partners + "?" + query)
            #expect(response.status == .badRequest)
            let message = try #require(try response.jsonValue().object?["Message"]?.string)
            #expect(message.contains("is not valid for"))
        }
    }

    @Test func everyListedResourceServesListsAndGetById() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            for resource in ["Partner", "Article", "Order", "OrderTask", "OrderLine", "LedgerTag", "FiscalPeriod", "XenaApp", "OrderInvoiceTransaction"] {
                let list = try await api.get("Fiscal/\(APIClient.norrebro)/\(resource)?ForceNoPaging=true")
                #expect(list.status == .ok, "\(resource)")
                let first = try #require(mock.api.store.entities(fiscalID: APIClient.norrebro, resource: resource).first, "\(resource)")
                let id = try #require(first["Id"]?.integer)
                let single = try await api.get("Fiscal/\(APIClient.norrebro)/\(resource)/\(id)")
                #expect(single.status == .ok, "\(resource)")
                #expect(try single.jsonValue() == .object(first), "\(resource)")
            }
            let missing = try await api.get("Fiscal/\(APIClient.norrebro)/Order/1")
            #expect(missing.status == .notFound)
            #expect(try missing.jsonValue().object?["Message"] == "Order not found.")
        }
    }

    @Test func nestedAndAliasRoutes() async throws {
        try await TestServer.withRouter { client, mock in
            let api = try await APIClient.alice(client)
            let fiscal = "Fiscal/\(APIClient.norrebro)"
            let order = try #require(mock.api.store.entities(fiscalID: APIClient.norrebro, resource: "Order").first)
            let orderID = try #require(order["Id"]?.integer)
            let tasks = try await api.get("\(fiscal)/Order/\(orderID)/OrderTask").jsonValue()
            #expect(tasks.object?["Count"] == 1)
            let partnerID = try #require(order["PartnerId"]?.integer)
            let orders = try await api.get("\(fiscal)/Partner/\(partnerID)/Order").jsonValue()
            #expect((orders.object?["Count"]?.integer ?? 0) >= 1)
            let invoices = try await api.get("\(fiscal)/Order/Invoice").jsonValue()
            #expect(invoices.object?["Count"] == 3)
            let partnerInvoices = try await api.get("\(fiscal)/Partner/\(partnerID)/Invoice").jsonValue()
            #expect((partnerInvoices.object?["Count"]?.integer ?? 0) >= 1)
            let taskID = try #require(mock.api.store.entities(fiscalID: APIClient.norrebro, resource: "OrderTask").first?["Id"]?.integer)
            let lines = try await api.get("\(fiscal)/OrderTask/\(taskID)/OrderLine").jsonValue()
            #expect((lines.object?["Count"]?.integer ?? 0) >= 1)
            let transactionID = try #require(
                invoices[path: "Entities"].flatMap { value -> Int64? in
                    if case .array(let items) = value { return items.first?.object?["Id"]?.integer }
                    return nil
                })
            let transaction = try await api.get("\(fiscal)/OrderInvoiceTransaction/\(transactionID)").jsonValue()
            #expect(transaction[path: "OrderInvoice.InvoiceNumber"] != nil)
            #expect(try await api.get("\(fiscal)/Order/1/OrderTask").status == .notFound)
        }
    }
}
