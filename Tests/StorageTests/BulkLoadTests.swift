import Storage
import XCTest

/// `Database.bulkLoad`: one transaction through a rollback journal on a file no other
/// connection holds, foreign keys and CHECK constraints off, and WAL mode again afterwards.
final class BulkLoadTests: StorageTestCase {
    /// Makes `parent`/`child` tables with a foreign key, a UNIQUE column, a CHECK constraint and a
    /// secondary index, then closes the file.
    func makeSchema() throws -> String {
        let path = try path()
        let database = try Database(path: path, readerCount: 1)
        try database.writeInOwnTransaction { connection in
            try connection.execute("""
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id REFERENCES parent(id), code TEXT UNIQUE,
                                   v INTEGER CHECK (v IN (-1, 0) OR v > 0));
                CREATE INDEX child_v ON child(v, parent_id);
                INSERT INTO child(parent_id, code, v) VALUES (NULL, 'đầu', 0);
                """)
        }
        database.close()
        return path
    }

    func journalMode(_ database: Database) throws -> SQLiteValue? {
        try database.read { try $0.queryOne("PRAGMA journal_mode")?.values.first }
    }

    func testLoadSkipsForeignKeysKeepsIndexesAndLeavesTheFileInWALMode() throws {
        let path = try makeSchema()
        let loaded = try Database.bulkLoad(path: path) { connection -> Int in
            XCTAssertEqual(try connection.queryOne("PRAGMA journal_mode")?.string("journal_mode"), "delete")
            let insert = try connection.prepare("INSERT INTO child(parent_id, code, v) VALUES (?, ?, ?)")
            var rows = PackedRows(columnCount: 3)
            for value in 1...500 { rows.append(42); rows.append("mã-\(value)"); rows.append(500 - value) }
            return try insert.execute(rows: rows)
        }
        XCTAssertEqual(loaded, 500)
        let database = try makeDatabase()
        XCTAssertEqual(try journalMode(database), .text("wal"))
        XCTAssertEqual(try count("child", in: database), 501)
        let plan = try database.read { try $0.query("EXPLAIN QUERY PLAN SELECT id FROM child WHERE v = 7").map { try $0.string("detail") } }
        XCTAssertTrue(plan.joined().contains("child_v"), "\(plan)")
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT code FROM child WHERE v = 7")?.string("code") }, "mã-493")
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO child(parent_id, code) VALUES (43, 'x')") }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isForeignKeyViolation ?? false, "foreign keys are enforced again: \(error)")
        }
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO child(code) VALUES ('mã-1')") }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isUniqueViolation ?? false, "\(error)")
        }
    }

    /// The loader vouches for its values; `PRAGMA quick_check` is how its tests hold it to that,
    /// and every later connection enforces the constraint again.
    func testLoadLeavesCheckConstraintsToQuickCheckAndLaterWritesEnforceThem() throws {
        let path = try makeSchema()
        try Database.bulkLoad(path: path) { connection in
            try connection.run("INSERT INTO child(code, v) VALUES ('âm', -2)")
        }
        let database = try makeDatabase()
        XCTAssertEqual(try database.quickCheck(), ["CHECK constraint failed in child"])
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO child(code, v) VALUES ('âm nữa', -3)") }) { error in
            XCTAssertEqual((error as? SQLiteError)?.extendedCode, 275, "SQLITE_CONSTRAINT_CHECK: \(error)")
        }
        XCTAssertEqual(try count("child", in: database), 2)
    }

    func testLoadRollsBackEverythingWhenItsBodyThrows() throws {
        let path = try makeSchema()
        XCTAssertThrowsError(try Database.bulkLoad(path: path) { connection in
            try connection.run("INSERT INTO child(code, v) VALUES ('hai', 2)")
            try connection.execute("DROP INDEX child_v")
            throw PlannedFailure()
        }) { error in
            XCTAssertEqual(error as? PlannedFailure, PlannedFailure())
        }
        let database = try makeDatabase()
        XCTAssertEqual(try journalMode(database), .text("wal"))
        XCTAssertEqual(try count("child", in: database), 1)
        XCTAssertNotNil(try database.read { try $0.queryOne("SELECT 1 AS found FROM sqlite_master WHERE name = 'child_v'") })
    }

    func testLoadRefusesAFileThatAnotherConnectionHasOpen() throws {
        let path = try makeSchema()
        let database = try makeDatabase()
        XCTAssertThrowsError(try Database.bulkLoad(path: path) { connection in
            try connection.run("INSERT INTO child(code, v) VALUES ('ba', 3)")
        }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isBusy ?? false, "\(error)")
        }
        XCTAssertEqual(try count("child", in: database), 1)
        XCTAssertEqual(try journalMode(database), .text("wal"))
        try database.write { try $0.run("INSERT INTO child(code, v) VALUES ('bốn', 4)") }
        XCTAssertEqual(try count("child", in: database), 2, "the open database keeps working")
    }
}
