import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@testable import XenaMock

@Suite struct APIFixturesTests {
    static func copyOfFixtures() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-api-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TestServer.fixturesDirectory), to: directory)
        return directory
    }

    @Test func shippedDataHasTheDemoCompaniesAndEnoughPartnersToPage() throws {
        let fixtures = try APIFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        #expect(fixtures.fiscalSetups.count == 3)
        #expect((fixtures.records[APIClient.norrebro]?["Partner"]?.count ?? 0) >= 25)
        for resource in [
            "Partner", "Article", "Order", "OrderTask", "OrderLine", "OrderInvoice", "OrderInvoiceTransaction", "LedgerTag", "FiscalPeriod", "XenaApp",
            "WebHook",
        ] {
            #expect(fixtures.records[APIClient.norrebro]?[resource] != nil, "\(resource)")
        }
    }

    @Test func aDroppedInResourceIsServedWithoutCode() async throws {
        let directory = try Self.copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"[{"Id": 1, "Version": 1, "Name": "Cykelprojekt", "IsDeactivated": false}]"#.write(
            to: directory.appendingPathComponent("api/fiscal/104200311/Project.json"), atomically: true, encoding: .utf8)
        let configuration = XenaMockConfiguration(port: 0, fixturesDirectory: directory.path)
        try await TestServer.withRouter(configuration) { client, _ in
            let api = try await APIClient.alice(client)
            let list = try await api.get("Fiscal/104200311/Project").jsonValue()
            #expect(list[path: "Count"] == 1)
            let created = try await api.send(.post, "Fiscal/104200311/Project", ["Name": "Nyt projekt"])
            #expect(created.status == .ok)
            // The file overrides one company's projects; the other company keeps the generated ones (Project is documented).
            let other = try await api.get("Fiscal/104200312/Project?ForceNoPaging=true").jsonValue()
            #expect((other[path: "Count"]?.integer ?? 0) >= 3)
            #expect(other[path: "Entities"]?.elements?.contains { $0[path: "Name"] == "Cykelprojekt" } == false)
        }
    }

    @Test func badAPIFixturesNameTheFileAndPath() throws {
        let directory = try Self.copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"[{"Id": 1}, {"Name": "no id"}]"#.write(
            to: directory.appendingPathComponent("api/fiscal/104200311/Project.json"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError("fx/api/fiscal/104200311/Project.json: $[1].Id: expected an integer Id")) {
            try APIFixtures.load(from: directory, displayDirectory: "fx")
        }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("api/fiscal/104200311/Project.json"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("api/fiscal/777"), withIntermediateDirectories: true)
        #expect(throws: ConfigurationError("fx/api/fiscal/777: not the Id of a fiscal setup in fx/api/FiscalSetup.json")) {
            try APIFixtures.load(from: directory, displayDirectory: "fx")
        }
    }

    @Test(arguments: ["9223372036854775807", "0", "-5", "4611686018427387905"])
    func fixtureIdsLeaveRoomForNewOnes(id: String) throws {
        let directory = try Self.copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"[{"Id": \#(id)}]"#.write(to: directory.appendingPathComponent("api/fiscal/104200311/Project.json"), atomically: true, encoding: .utf8)
        #expect(throws: ConfigurationError("fx/api/fiscal/104200311/Project.json: $[0].Id: Id \(id) must be between 1 and 4611686018427387904")) {
            try APIFixtures.load(from: directory, displayDirectory: "fx")
        }
    }

    @Test func fixturesGivenFromSwiftWithHugeIdsStillNumberNewEntities() async throws {
        var fixtures = try APIFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        fixtures.records[APIClient.norrebro]?["Project"] = [["Id": .integer(.max), "Name": "edge"]]
        var configuration = try TestServer.configuration()
        configuration.identityFixtures = try IdentityFixtures.load(from: URL(fileURLWithPath: TestServer.fixturesDirectory), displayDirectory: "fixtures")
        configuration.apiFixtures = fixtures
        try await TestServer.withRouter(configuration) { client, _ in
            let created = try await APIClient.alice(client).send(.post, "Fiscal/104200311/Project", ["Name": "new"])
            #expect(created.status == .ok)
            #expect(try created.jsonValue().object?["Id"]?.integer != .max)
        }
    }

    @Test(arguments: ["9223372036854775807", "0", "\"2\""])
    func fixtureVersionsLeaveRoomToCountUp(version: String) throws {
        let directory = try Self.copyOfFixtures()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"[{"Id": 1, "Version": \#(version)}]"#.write(
            to: directory.appendingPathComponent("api/fiscal/104200311/Project.json"), atomically: true, encoding: .utf8)
        #expect(
            throws: ConfigurationError("fx/api/fiscal/104200311/Project.json: $[0].Version: Version must be a whole number between 1 and 4611686018427387904")
        ) {
            try APIFixtures.load(from: directory, displayDirectory: "fx")
        }
    }
}
