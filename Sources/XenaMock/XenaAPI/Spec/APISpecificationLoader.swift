import Foundation
import Logging

/// Reads the Swagger document in the background as the server starts, so that starting stays fast, and hands the
/// API its index once read; the first API request waits for it (about 30 ms after start at most).
public final class APISpecificationLoader: Sendable {
    /// The document's file.
    public let file: URL
    private let task: Task<APISpecification, any Error>

    /// Starts reading `file`; once read, the specification is installed into `store`.
    init(file: URL, store: APIStore, logger: Logger) {
        self.file = file
        self.task = Task.detached(priority: .medium) {
            do {
                let specification = try APISpecification.load(from: file)
                store.install(specification)
                return specification
            } catch {
                logger.error("the Xena API cannot be served: \(error)")
                throw error
            }
        }
    }

    /// The specification, waiting for it if it is still being read.
    public func specification() async throws -> APISpecification {
        try await self.task.value
    }

    /// The document to serve: `configured`, else `api/xena-api-swagger.json` in the fixtures directory, else the
    /// bundled one.
    static func file(configured: String?, fixturesDirectory: URL?) throws(ConfigurationError) -> URL {
        let name = "api/xena-api-swagger.json"
        if let configured {
            guard FileManager.default.fileExists(atPath: configured) else {
                throw ConfigurationError("--api-spec '\(configured)' does not exist")
            }
            return URL(fileURLWithPath: configured)
        }
        if let directory = fixturesDirectory?.appendingPathComponent(name), FileManager.default.fileExists(atPath: directory.path) {
            return directory
        }
        return FixtureLocation.bundled.appendingPathComponent(name)
    }
}
