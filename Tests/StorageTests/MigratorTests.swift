import Foundation
import Hashing
import Storage
import XCTest

final class MigratorTests: StorageTestCase {
    private var migrations: String = ""

    override func setUpWithError() throws {
        try super.setUpWithError()
        migrations = try path("migrations")
        try FileManager.default.createDirectory(atPath: migrations, withIntermediateDirectories: false)
        try write("CREATE TABLE a(id INTEGER PRIMARY KEY);\n", to: "0001_create_a.sql")
        try write("CREATE TABLE b(id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n", to: "0002_create_b.sql")
    }

    private func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: migrations).appendingPathComponent(name))
    }

    private func tables(_ database: Database) throws -> [String] {
        try database.read {
            try $0.query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { try $0.string("name") }
        }
    }

    func testMigrationsApplyInOrderAndAreRecordedWithTheirChecksums() throws {
        let database = try makeDatabase()
        let applied = try Migrator(directory: migrations).migrate(database)
        XCTAssertEqual(applied, ["0001_create_a.sql", "0002_create_b.sql"])
        XCTAssertEqual(try tables(database), ["a", "b", "schema_migrations"])
        let rows = try database.read { try $0.query("SELECT * FROM schema_migrations ORDER BY version") }
        XCTAssertEqual(try rows.map { try $0.int("version") }, [1, 2])
        XCTAssertEqual(try rows.first?.string("checksum"),
                       SHA256.hex(Array("CREATE TABLE a(id INTEGER PRIMARY KEY);\n".utf8)))
        XCTAssertTrue(try rows.allSatisfy { try $0.string("applied_at").hasSuffix("Z") })
    }

    func testRunningAgainIsANoOpAndOnlyNewFilesApply() throws {
        let database = try makeDatabase()
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(database)
        XCTAssertEqual(try migrator.migrate(database), [])
        try write("CREATE TABLE c(id INTEGER PRIMARY KEY);", to: "0003_create_c.sql")
        XCTAssertEqual(try migrator.pending(database), ["0003_create_c.sql"])
        XCTAssertEqual(try migrator.migrate(database), ["0003_create_c.sql"])
        XCTAssertEqual(try count("schema_migrations", in: database), 3)
    }

    func testChangedAppliedFileIsRefusedByName() throws {
        let database = try makeDatabase()
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(database)
        try write("CREATE TABLE a(id INTEGER PRIMARY KEY, extra TEXT);\n", to: "0001_create_a.sql")
        try write("CREATE TABLE c(id INTEGER PRIMARY KEY);", to: "0003_create_c.sql")
        XCTAssertThrowsError(try migrator.migrate(database)) { error in
            XCTAssertEqual(error as? MigrationError, .checksumMismatch(file: "0001_create_a.sql"))
            XCTAssertTrue("\(error)".contains("0001_create_a.sql"))
        }
        XCTAssertFalse(try tables(database).contains("c"), "nothing new runs after a refusal")
    }

    func testAppliedMigrationWithoutItsFileIsAnError() throws {
        let database = try makeDatabase()
        let migrator = Migrator(directory: migrations)
        try migrator.migrate(database)
        try FileManager.default.removeItem(atPath: migrations + "/0002_create_b.sql")
        XCTAssertThrowsError(try migrator.migrate(database)) { error in
            XCTAssertEqual(error as? MigrationError, .missingFile(version: 2, name: "0002_create_b.sql"))
        }
    }

    func testBadFileNamesAreRejected() throws {
        let database = try makeDatabase()
        for name in ["1_short.sql", "0003.sql", "0003_.sql", "abcd_letters.sql", "0003_bad name.sql"] {
            try write("SELECT 1;", to: name)
            XCTAssertThrowsError(try Migrator(directory: migrations).migrate(database), name) { error in
                XCTAssertEqual(error as? MigrationError, .badFileName(name))
            }
            try FileManager.default.removeItem(atPath: migrations + "/" + name)
        }
        try write("notes", to: "README.md")
        XCTAssertEqual(try Migrator(directory: migrations).migrate(database).count, 2, "non-.sql files are ignored")
    }

    func testDuplicateVersionIsRejected() throws {
        let database = try makeDatabase()
        try write("SELECT 1;", to: "0002_other.sql")
        XCTAssertThrowsError(try Migrator(directory: migrations).migrate(database)) { error in
            XCTAssertEqual(error as? MigrationError,
                           .duplicateVersion(2, files: ["0002_create_b.sql", "0002_other.sql"]))
        }
    }

    func testFailingMigrationLeavesNoTraceOfItself() throws {
        let database = try makeDatabase()
        try write("CREATE TABLE c(id INTEGER PRIMARY KEY);\nINSERT INTO missing VALUES (1);\n", to: "0003_broken.sql")
        XCTAssertThrowsError(try Migrator(directory: migrations).migrate(database)) { error in
            XCTAssertTrue(error is SQLiteError, "\(error)")
        }
        XCTAssertEqual(try tables(database), ["a", "b", "schema_migrations"])
        XCTAssertEqual(try count("schema_migrations", in: database), 2)
    }

    func testMissingDirectoryIsReported() throws {
        let database = try makeDatabase()
        XCTAssertThrowsError(try Migrator(directory: migrations + "/absent").migrate(database)) { error in
            guard case .directoryUnreadable? = error as? MigrationError else {
                return XCTFail("unexpected \(error)")
            }
        }
    }
}
