import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Reads Xena's Swagger document on the first API request, so that starting stays fast and a server whose tests
/// never call the API never spends the time or the memory; the first API request waits for it (tens of
/// milliseconds in a release build), later ones find it ready. Once read, the index is installed into the store.
public final class APISpecificationLoader: Sendable {
    /// The document's file.
    public let file: URL
    private let store: APIStore
    private let logger: Logger
    private let task = Mutex<Task<APISpecification, any Error>?>(nil)
    /// The specification once read: later requests take it without awaiting the task.
    private let ready = Mutex<APISpecification?>(nil)

    /// A loader for `file`; with `preloaded`, the document is taken as already read from it.
    init(file: URL, store: APIStore, logger: Logger, preloaded: APISpecification? = nil) {
        self.file = file
        self.store = store
        self.logger = logger
        if let preloaded {
            store.install(preloaded)
            self.task.withLock { $0 = Task { preloaded } }
        }
    }

    /// The specification, reading it if this is the first call and waiting for it if it is being read.
    public func specification() async throws -> APISpecification {
        if let ready = self.ready.withLock({ $0 }) { return ready }
        let task = self.task.withLock { task in
            if let task { return task }
            let (file, store, logger) = (self.file, self.store, self.logger)
            let started = ContinuousClock.now
            let reading = Task.detached(priority: .high) {
                do {
                    let specification = try APISpecification.load(from: file)
                    store.install(specification)
                    Self.returnFreedMemory()
                    logger.info("read the Xena API's document (\(specification.operations.count) operations) in \(ContinuousClock.now - started)")
                    return specification
                } catch {
                    logger.error("the Xena API cannot be served: \(error)")
                    throw error
                }
            }
            task = reading
            return reading
        }
        let specification = try await task.value
        self.ready.withLock { $0 = specification }
        return specification
    }

    /// Hands back to the system the memory the parsed document's tree used (glibc keeps freed memory otherwise).
    /// `malloc_trim` is looked up at run time: Swift's Glibc module does not export `malloc.h`.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias MallocTrim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        #endif
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
        guard let bundled = FixtureLocation.bundled?.appendingPathComponent(name) else {
            throw ConfigurationError("no API description found: the bundled fixtures are missing; pass --api-spec FILE")
        }
        return bundled
    }
}
