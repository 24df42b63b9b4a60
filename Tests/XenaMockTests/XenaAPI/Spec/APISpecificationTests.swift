import Foundation
import HTTPTypes
import Testing

@testable import XenaMock

/// Reading Xena's Swagger document: operations, the route table, collections and the template roles.
@Suite struct APISpecificationTests {
    /// Read once for all tests; the document is 1.2 MB.
    static var specification: APISpecification { TestServer.specification }

    private func role(_ method: HTTPRequest.Method, _ path: String) -> APISpecification.Role? {
        guard case .operation(let index, _) = Self.specification.match(method, path.split(separator: "/").map(String.init)) else { return nil }
        return Self.specification.roles[index]
    }

    @Test func everyDocumentedOperationIsRead() {
        let document = Self.specification
        #expect(document.operations.count == 1301)
        #expect(Set(document.operations.map(\.path)).count == 959)
        #expect(document.definitions.count == 806)
        let methods = Dictionary(grouping: document.operations, by: \.method).mapValues(\.count)
        #expect(methods == [.get: 688, .post: 235, .put: 220, .delete: 158])
    }

    @Test func pathsMatchCaseInsensitivelyLiteralsBeforeParameters() {
        guard case .operation(let index, let parameters) = Self.specification.match(.get, ["fIsCaL", "104200311", "ORDER", "invoice"]) else {
            Issue.record("no match")
            return
        }
        #expect(Self.specification.operations[index].path == "/Api/Fiscal/{fiscalId}/Order/Invoice")
        #expect(parameters == ["fiscalId": "104200311"])
        guard case .operation(let byID, let values) = Self.specification.match(.get, ["Fiscal", "1", "Order", "42"]) else {
            Issue.record("no match")
            return
        }
        #expect(Self.specification.operations[byID].path == "/Api/Fiscal/{fiscalId}/Order/{id}")
        #expect(values["id"] == "42")
    }

    @Test func integerParametersPreferNumbersAndStillMatchText() {
        // `User/FiscalSetup` (GET) beside `User/{id}` (DELETE, a string id): PATCH names the literal path's methods.
        guard case .methodNotAllowed(let allowed) = Self.specification.match(.patch, ["User", "FiscalSetup"]) else {
            Issue.record("expected the literal path")
            return
        }
        #expect(allowed == [.get])
        // Text where Order's int64 `{id}` belongs still finds the operation, to be refused with a 400 naming `id`.
        guard case .operation(let index, let parameters) = Self.specification.match(.get, ["Fiscal", "1", "Order", "abc"]) else {
            Issue.record("text found no operation")
            return
        }
        #expect(Self.specification.operations[index].path == "/Api/Fiscal/{fiscalId}/Order/{id}")
        #expect(parameters["id"] == "abc")
    }

    @Test func anotherMethodOnADocumentedPathNamesTheAllowedOnes() {
        guard case .methodNotAllowed(let allowed) = Self.specification.match(.patch, ["Fiscal", "1", "Partner"]) else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == [.get, .post])
        guard case .none = Self.specification.match(.get, ["Fiscal", "1", "Spaceship"]) else {
            Issue.record("an undocumented path matched")
            return
        }
    }

    @Test func collectionsComeFromListsAndCreates() throws {
        let orders = try #require(Self.specification.collections["fiscal/{}/order"])
        #expect(orders.entity == "OrderDto")
        #expect(orders.listing == .paged)
        #expect(orders.scope == .company)
        #expect(orders.notFoundMessage == "Order not found.")
        // A child list of orders is a view of the company's orders through PartnerId.
        let partnerOrders = try #require(Self.specification.collections["fiscal/{}/partner/{}/order"])
        #expect(partnerOrders.viewOf == "fiscal/{}/order")
        #expect(partnerOrders.parentField == "PartnerId")
        // OrderLine has no list of its own but a create and by-id operations.
        #expect(Self.specification.collections["fiscal/{}/orderline"]?.entity == "OrderLineDto")
        // By-id operations alone are values, not collections.
        #expect(Self.specification.collections["fiscal/{}/setting/bool"] == nil)
        #expect(Self.specification.collections["country"]?.scope == .global)
        #expect(Self.specification.collections["user/vcard"]?.scope == .user)
    }

    @Test func operationsGetTheirTemplateRoles() {
        #expect(self.role(.get, "Fiscal/1/Voucher") == .list(collection: "fiscal/{}/voucher"))
        #expect(self.role(.get, "Fiscal/1/Article/5") == .read(collection: "fiscal/{}/article"))
        #expect(self.role(.post, "Fiscal/1/Order") == .create(collection: "fiscal/{}/order"))
        #expect(self.role(.put, "Fiscal/1/Order/5") == .update(collection: "fiscal/{}/order"))
        #expect(self.role(.delete, "Fiscal/1/Order/5") == .delete(collection: "fiscal/{}/order"))
        #expect(self.role(.put, "Fiscal/1/Subscription/5/Deactivate") == .action(collection: "fiscal/{}/subscription", verb: "Deactivate"))
        #expect(self.role(.get, "Fiscal/1/Setting/Bool/SomeSetting") == .value)
    }

    @Test func referencesNameCompanyCollections() {
        #expect(Self.specification.referencedCollection(field: "PartnerId")?.name == "Partner")
        #expect(Self.specification.referencedCollection(field: "LedgerTagId")?.name == "LedgerTag")
        #expect(Self.specification.referencedCollection(field: "Id") == nil)
        #expect(Self.specification.referencedCollection(field: "NothingId") == nil)
    }

    @Test func completionAddsEveryDeclaredPropertyNestedToo() {
        let completed = Self.specification.completed(["Id": 1, "Address": ["Name": "A"]], definition: "PartnerDto")
        let declared = Set(Self.specification.definitions["PartnerDto"]?.properties.keys ?? [:].keys)
        #expect(Set(completed.keys) == declared.union(["Id"]))
        #expect(completed["AccountNumber"] == .null)
        let address = completed["Address"]?.object ?? [:]
        #expect(Set(address.keys) == Set(Self.specification.definitions["AddressDto"]?.properties.keys ?? [:].keys))
        #expect(address["Name"] == "A")
    }

    @Test func aDocumentThatIsNoSwaggerIsRefusedWithItsReason() {
        #expect(throws: ConfigurationError("not a Swagger 2.0 document: expected 'paths' and 'definitions' objects")) {
            try APISpecification(document: ["openapi": "3.0.0"])
        }
    }
}
