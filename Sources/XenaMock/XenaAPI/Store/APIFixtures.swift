import Foundation

/// The stub API's data: fiscal setups and, per fiscal setup, the records of each resource.
///
/// Layout under the fixtures directory:
/// - `api/FiscalSetup.json`: an array of FiscalSetup entities (the companies);
/// - `api/resources.json`: an object of resource name → ``APIResourceDefinition``;
/// - `api/fiscal/{fiscalId}/{Resource}.json`: an array of that resource's entities in that company.
public struct APIFixtures: Sendable {
    /// The companies.
    public var fiscalSetups: [[String: JSONValue]]
    /// The rules of `resources.json`.
    public var definitions: [String: APIResourceDefinition]
    /// fiscal setup id → resource name → records.
    public var records: [Int64: [String: [[String: JSONValue]]]]

    /// API data given in memory.
    public init(
        fiscalSetups: [[String: JSONValue]] = [], definitions: [String: APIResourceDefinition] = [:],
        records: [Int64: [String: [[String: JSONValue]]]] = [:]
    ) {
        self.fiscalSetups = fiscalSetups
        self.definitions = definitions
        self.records = records
    }

    /// Every resource name: those defined and those with records anywhere.
    public var resourceNames: [String] {
        Set(self.definitions.keys).union(self.records.values.flatMap(\.keys)).sorted()
    }

    /// Reads `api/` under the fixtures directory; no such folder means no API data.
    public static func load(from fixturesDirectory: URL, displayDirectory: String) throws(ConfigurationError) -> APIFixtures {
        let directory = fixturesDirectory.appendingPathComponent("api")
        let display = (displayDirectory as NSString).appendingPathComponent("api")
        guard FileManager.default.fileExists(atPath: directory.path) else { return APIFixtures() }

        let setupsFile = FixtureFile(directory: directory, name: "FiscalSetup.json", displayDirectory: display)
        let fiscalSetups = try Self.entities(in: setupsFile)
        let definitionsFile = FixtureFile(directory: directory, name: "resources.json", displayDirectory: display)
        let definitions = definitionsFile.exists ? try definitionsFile.decode([String: APIResourceDefinition].self) : [:]

        let fiscalIDs = Set(fiscalSetups.compactMap { $0["Id"]?.integer })
        var records: [Int64: [String: [[String: JSONValue]]]] = [:]
        let fiscalRoot = directory.appendingPathComponent("fiscal")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: fiscalRoot.path)) ?? []
        for folder in folders.sorted() where !folder.hasPrefix(".") {
            let folderDisplay = (display as NSString).appendingPathComponent("fiscal/\(folder)")
            guard let fiscalID = Int64(folder), fiscalIDs.contains(fiscalID) else {
                throw ConfigurationError("\(folderDisplay): not the Id of a fiscal setup in \(setupsFile.displayName)")
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: fiscalRoot.appendingPathComponent(folder).path)) ?? []
            for file in files.sorted() where file.hasSuffix(".json") {
                let fixture = FixtureFile(directory: fiscalRoot.appendingPathComponent(folder), name: file, displayDirectory: folderDisplay)
                records[fiscalID, default: [:]][String(file.dropLast(".json".count))] = try Self.entities(in: fixture)
            }
        }
        return APIFixtures(fiscalSetups: fiscalSetups, definitions: definitions, records: records)
    }

    /// An array of objects, each with a unique integer `Id`.
    private static func entities(in file: FixtureFile) throws(ConfigurationError) -> [[String: JSONValue]] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(try file.readData())
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("\(file.displayName): invalid JSON (\(error))")
        }
        guard case .array(let items) = value else { throw file.problem(at: [], "expected an array of entities") }
        var ids = Set<Int64>()
        return try items.enumerated().map { (index, item) throws(ConfigurationError) in
            guard let object = item.object else { throw file.problem(at: [FixturePathKey.index(index)], "expected an object") }
            guard let id = object["Id"]?.integer else {
                throw file.problem(at: [FixturePathKey.index(index), FixturePathKey.key("Id")], "expected an integer Id")
            }
            guard InputBounds.fixtureEntityID.contains(id) else {
                throw file.problem(
                    at: [FixturePathKey.index(index), FixturePathKey.key("Id")],
                    "Id \(id) must be between \(InputBounds.fixtureEntityID.lowerBound) and \(InputBounds.fixtureEntityID.upperBound)")
            }
            if let version = object["Version"], !version.isNull,
                !(version.integer.map { InputBounds.fixtureEntityID.contains($0) } ?? false)
            {
                throw file.problem(
                    at: [FixturePathKey.index(index), FixturePathKey.key("Version")],
                    "Version must be a whole number between 1 and \(InputBounds.fixtureEntityID.upperBound)")
            }
            guard ids.insert(id).inserted else {
                throw file.problem(at: [FixturePathKey.index(index), FixturePathKey.key("Id")], "Id \(id) is used twice")
            }
            return object
        }
    }
}
