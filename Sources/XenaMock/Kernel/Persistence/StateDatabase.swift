import Foundation
import GRDB
import Logging

/// The state that survives a restart (`--data-dir DIR`): one SQLite database, `DIR/xena-mock.sqlite`, in WAL mode.
///
/// Every store keeps its records under a kind of its own (``PersistentRecords``): a key and a JSON value. Each write
/// is committed before the request that made it is answered, so a process killed at any moment (kill -9) loses no
/// answered write; `synchronous=NORMAL` keeps commits off the disk's flush (only a power cut could lose the last ones).
public final class StateDatabase: Sendable {
    /// The database's file name in the data directory.
    public static let fileName = "xena-mock.sqlite"

    /// The database file.
    public let path: String
    private let queue: DatabaseQueue
    private let logger: Logger

    /// Opens (or creates) the database in `directory`, creating the directory when missing, and migrates it.
    ///
    /// Throws a one-line ``ConfigurationError`` naming the path for a directory that cannot be written, a file that
    /// is not a database, or a database written by a newer xena-mock.
    public init(directory: String, logger: Logger = Logger(label: "xena-mock.state")) throws(ConfigurationError) {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(Self.fileName).path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ConfigurationError("--data-dir \(directory): cannot be created")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else { throw ConfigurationError("--data-dir \(directory): cannot be written") }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.label = "xena-mock.state"
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        do {
            self.queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrate(self.queue, path: path)
        } catch let error as ConfigurationError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw ConfigurationError("\(path): not a xena-mock database (the file is damaged or something else); move it away or pick another --data-dir")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
            throw ConfigurationError("\(path): cannot be written")
        } catch {
            throw ConfigurationError("\(path): cannot be opened (\(error))")
        }
        self.path = path
        self.logger = logger
    }

    /// The schema's versions, oldest first; a new version is a new migration appended here, never a changed one.
    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: records") { db in
            try db.execute(
                sql: """
                    CREATE TABLE record (
                        kind TEXT NOT NULL,
                        key TEXT NOT NULL,
                        value BLOB NOT NULL,
                        PRIMARY KEY (kind, key)
                    ) WITHOUT ROWID
                    """)
        }
        return migrator
    }

    private static func migrate(_ queue: DatabaseQueue, path: String) throws {
        let migrator = Self.migrator
        let superseded = try queue.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            throw ConfigurationError(
                "\(path): written by a newer xena-mock (its schema has versions this one does not know); use that version or another --data-dir")
        }
        try migrator.migrate(queue)
    }

    // MARK: Records

    /// Every record of a kind, by key.
    func records(_ kind: String) -> [(key: String, value: Data)] {
        do {
            return try self.queue.read { db in
                try Row.fetchAll(db, sql: "SELECT key, value FROM record WHERE kind = ?", arguments: [kind]).map { row in
                    (key: row["key"], value: row["value"])
                }
            }
        } catch {
            self.logger.error("the saved state cannot be read", metadata: ["kind": "\(kind)", "error": "\(error)"])
            return []
        }
    }

    /// Saves one record, replacing the one with the same key; committed when this returns.
    func save(_ kind: String, key: String, value: Data) {
        self.write("save", kind: kind) { db in
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO record (kind, key, value) VALUES (?, ?, ?)").execute(arguments: [kind, key, value])
        }
    }

    /// Removes one record.
    func remove(_ kind: String, key: String) {
        self.write("remove", kind: kind) { db in
            try db.cachedStatement(sql: "DELETE FROM record WHERE kind = ? AND key = ?").execute(arguments: [kind, key])
        }
    }

    /// Removes every record of a kind.
    func removeAll(_ kind: String) {
        self.write("remove all", kind: kind) { db in
            try db.execute(sql: "DELETE FROM record WHERE kind = ?", arguments: [kind])
        }
    }

    /// Kinds a reset keeps: the generated TLS CA, which clients have been told to trust.
    static let keptByReset = ["tls-ca"]

    /// Removes every record but the TLS CA: the state goes back to the fixtures.
    public func removeEverything() {
        self.write("remove everything", kind: "*") { db in
            try db.execute(sql: "DELETE FROM record WHERE kind NOT IN (SELECT value FROM json_each(?))", arguments: [Self.keptByReset.description])
        }
    }

    /// How many records each kind holds; for tests and the control API.
    public var counts: [String: Int] {
        let rows = (try? self.queue.read { db in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM record GROUP BY kind") }) ?? []
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["kind"], $0["n"]) })
    }

    private func write(_ action: String, kind: String, _ body: (Database) throws -> Void) {
        do {
            try self.queue.write(body)
        } catch {
            self.report(action, kind: kind, error)
        }
    }

    /// Logs a change that did not reach the disk. The request that made it still answers (the state in memory has
    /// it); the log says the state on disk is behind.
    func report(_ action: String, kind: String, _ error: any Error) {
        self.logger.error("the state could not be saved", metadata: ["action": "\(action)", "kind": "\(kind)", "error": "\(error)"])
    }
}
