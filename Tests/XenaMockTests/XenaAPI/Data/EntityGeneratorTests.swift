import Foundation
import Testing

@testable import XenaMock

/// The data generator: deterministic, every declared property in its type and bounds, companions agreeing.
@Suite struct EntityGeneratorTests {
    private func generator(seed: UInt64, partners: [Int64] = [7, 8]) -> EntityGenerator {
        EntityGenerator(specification: APISpecificationTests.specification, seed: seed) { collection in
            collection.name == "Partner" ? partners : []
        }
    }

    @Test func theSameSeedGivesTheSameEntityAndAnotherSeedAnother() {
        let first = self.generator(seed: 1).entity("OrderDto", id: 11, key: "1/order/0", fixed: [:])
        let again = self.generator(seed: 1).entity("OrderDto", id: 11, key: "1/order/0", fixed: [:])
        let other = self.generator(seed: 2).entity("OrderDto", id: 11, key: "1/order/0", fixed: [:])
        #expect(first == again)
        #expect(first != other)
    }

    @Test func everyDeclaredPropertyIsThereInItsType() throws {
        let specification = APISpecificationTests.specification
        let definition = try #require(specification.definitions["VoucherDto"])
        let voucher = self.generator(seed: 1).entity("VoucherDto", id: 5, key: "v", fixed: ["FiscalSetupId": 104_200_311])
        #expect(Set(voucher.keys) == Set(definition.properties.keys).union(["Id"]))
        #expect(voucher["Id"] == 5)
        #expect(voucher["FiscalSetupId"] == 104_200_311)
        for (name, property) in definition.properties {
            let value = try #require(voucher[name])
            switch (property.kind, value) {
            case (.integer, .integer(let number)):
                if property.format == "int32" { #expect(Int32(exactly: number) != nil, "\(name)") }
            case (.number, .number(let number)):
                #expect((number * 100).rounded() == number * 100, "\(name) has at most two decimals")
            case (.number, .integer), (.string, .string), (.boolean, .bool), (.array, .array), (_, .null), (.object, .object):
                continue
            default:
                Issue.record("\(name): \(property.kind) generated as \(value)")
            }
        }
    }

    @Test func daysAndTheirFriendlyFormAgree() throws {
        let voucher = self.generator(seed: 3).entity("VoucherDto", id: 5, key: "v", fixed: [:])
        let day = try #require(voucher["FiscalDateDays"]?.integer)
        #expect((20_089..<20_454).contains(day), "a day of 2025")
        #expect(voucher["FiscalDateDaysFriendly"] == .string(APITimestamp.friendly(dayNumber: day)))
    }

    @Test func referencesPointAtEntitiesOfTheCompany() {
        for seed in 1...5 {
            let order = self.generator(seed: UInt64(seed)).entity("OrderDto", id: 1, key: "o", fixed: [:])
            #expect([7, 8].contains(order["PartnerId"]?.integer ?? 0), "seed \(seed)")
        }
    }

    @Test func stringsRespectMaxLength() throws {
        let specification = APISpecificationTests.specification
        for (name, definition) in specification.definitions.sorted(by: { $0.key < $1.key }) {
            let bounded = definition.properties.filter { $0.value.maxLength != nil }
            guard !bounded.isEmpty else { continue }
            let entity = self.generator(seed: 1).entity(name, id: 1, key: name, fixed: [:])
            for (property, schema) in bounded {
                if let text = entity[property]?.string { #expect(text.count <= schema.maxLength!, "\(name).\(property)") }
            }
        }
    }

    @Test func dayNumbersBecomeCalendarDates() {
        #expect(APITimestamp.friendly(dayNumber: 0) == "01-01-1970")
        #expect(APITimestamp.friendly(dayNumber: 20_089) == "01-01-2025")
        #expect(APITimestamp.friendly(dayNumber: 20_147) == "28-02-2025")
        #expect(APITimestamp.friendly(dayNumber: 19_782) == "29-02-2024")
        for (value, width) in [(0, 2), (7, 2), (42, 2), (2025, 4), (-5, 4), (-12345, 4), (Int.max, 2), (Int.min, 4)] {
            #expect(APITimestamp.padded(value, to: width) == String(format: "%0*ld", width, value), "\(value)")
        }
        #expect(APITimestamp.friendly(dayNumber: -1) == "31-12-1969")
    }

    @Test func translatedCompanionsReadAsText() {
        #expect(EntityGenerator.translated("ContextType_Customer") == "Customer")
        #expect(EntityGenerator.translated("OrderStatusOpen") == "Order status open")
    }

    @Test func generatedBookkeepingAddsUp() throws {
        for seed in 1...5 {
            let voucher = self.generator(seed: UInt64(seed)).entity("VoucherDto", id: 1, key: "v", fixed: [:])
            #expect(voucher["DebetAmount"] == voucher["CreditAmount"], "a voucher balances")
            let totals = self.generator(seed: UInt64(seed)).entity("TotalsDto", id: 1, key: "t", fixed: [:])
            let price = try #require(totals["PriceNettTotal"]?.number)
            let cost = try #require(totals["CostTotal"]?.number)
            #expect(totals["MarginTotal"]?.number == ((price - cost) * 100).rounded() / 100)
            #expect(totals["VatEstTotal"]?.number == (price * 0.25 * 100).rounded() / 100)
        }
    }

    @Test func linesAddUpToTheirTotal() {
        var settlement: [String: JSONValue] = [
            "TotalSettled": 0.0, "VatPosts": [["AmountSettled": 10.5], ["AmountSettled": 2.25]], "TaxPosts": [["AmountSettled": 1.0]],
        ]
        AmountRules.apply(to: &settlement)
        #expect(settlement["TotalSettled"] == 13.75)
    }

    @Test func referenceDataHasItsOwnNames() {
        var random = SplitMix64(seed: 1, key: "k")
        let name = DemoVocabulary.themed(definition: "CountryDto", property: "Name", random: &random)
        #expect(["Danmark", "Sverige", "Norge", "Tyskland", "Storbritannien", "Frankrig", "Finland", "Island"].contains(name ?? ""))
        #expect(DemoVocabulary.themed(definition: "OrderDto", property: "Name", random: &random) == nil)
    }
}
