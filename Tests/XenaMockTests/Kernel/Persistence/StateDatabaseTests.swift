import Foundation
import GRDB
import Testing

@testable import XenaMock

/// A data directory that cannot serve is a one-line error naming the path, never a crash.
@Suite struct StateDatabaseTests {
    @Test func aNewDirectoryIsCreatedWithTheCurrentSchema() throws {
        let directory = RestartTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory + "/nested")
        #expect(FileManager.default.fileExists(atPath: database.path))
        let queue = try DatabaseQueue(path: database.path)
        let journalMode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(journalMode == "wal")
        let migrations = try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1: records"])
    }

    @Test func aFileThatIsNotADatabaseIsNamed() throws {
        let directory = RestartTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let file = directory + "/" + StateDatabase.fileName
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: file))
        #expect(
            throws: ConfigurationError("\(file): not a xena-mock database (the file is damaged or something else); move it away or pick another --data-dir")
        ) {
            try StateDatabase(directory: directory)
        }
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let directory = RestartTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try StateDatabase(directory: directory).path
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: from the future')") }
        #expect(
            throws: ConfigurationError(
                "\(path): written by a newer xena-mock (its schema has versions this one does not know); use that version or another --data-dir")
        ) { try StateDatabase(directory: directory) }
    }

    @Test func aDirectoryThatCannotBeMadeIsNamed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("xena-mock-plain-file-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: ConfigurationError("--data-dir \(file)/state: cannot be created")) { try StateDatabase(directory: file + "/state") }
    }

    @Test func recordsRoundTripAndResetEmptiesThem() throws {
        let directory = RestartTests.dataDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try StateDatabase(directory: directory)
        let records = PersistentRecords<[String]>(database, kind: "test")
        records.save("a", ["x", "y"])
        records.save("b", [])
        records.save("a", ["z"])
        records.remove("b")
        #expect(records.all() == ["a": ["z"]])
        #expect(try StateDatabase(directory: directory).counts == ["test": 1], "a second connection sees the committed write")
        database.removeEverything()
        #expect(records.all().isEmpty)
    }
}
