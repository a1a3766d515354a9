import Storage
import XCTest

final class ConnectionTests: StorageTestCase {
    private func values(_ database: Database) throws -> [Int] {
        try database.read { try $0.query("SELECT v FROM t ORDER BY id").map { try $0.int("v") } }
    }

    func testWriterPragmasAreWALFullSynchronousAndForeignKeys() throws {
        let database = try makeDatabase()
        let settings = try database.write { connection in
            try ["journal_mode", "synchronous", "foreign_keys", "query_only", "temp_store"].map {
                try connection.queryOne("PRAGMA \($0)")?[0]
            }
        }
        XCTAssertEqual(settings, [.text("wal"), .integer(2), .integer(1), .integer(0), .integer(2)])
    }

    func testReaderPragmasAddQueryOnly() throws {
        let database = try makeDatabase()
        let settings = try database.read { connection in
            try ["journal_mode", "synchronous", "foreign_keys", "query_only"].map {
                try connection.queryOne("PRAGMA \($0)")?[0]
            }
        }
        XCTAssertEqual(settings, [.text("wal"), .integer(2), .integer(1), .integer(1)])
    }

    func testReaderRefusesToWrite() throws {
        let database = try makeDatabaseWithTable()
        XCTAssertThrowsError(try database.read { try $0.run("INSERT INTO t(v) VALUES (1)") }) { error in
            XCTAssertTrue(error is SQLiteError, "\(error)")
        }
        XCTAssertEqual(try count("t", in: database), 0)
    }

    func testForeignKeysAreEnforced() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { connection in
            try connection.execute("""
                CREATE TABLE parent(id INTEGER PRIMARY KEY);
                CREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                """)
        }
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO child(parent_id) VALUES (99)") }) { error in
            XCTAssertEqual((error as? SQLiteError)?.isForeignKeyViolation, true, "\(error)")
            XCTAssertEqual((error as? SQLiteError)?.isConstraintViolation, true)
        }
    }

    func testOwnTransactionRollsBackWhenTheClosureThrows() throws {
        let database = try makeDatabaseWithTable()
        XCTAssertThrowsError(try database.writeInOwnTransaction { connection in
            try connection.run("INSERT INTO t(v) VALUES (1)")
            throw PlannedFailure()
        }) { error in
            XCTAssertEqual(error as? PlannedFailure, PlannedFailure())
        }
        XCTAssertEqual(try count("t", in: database), 0)
    }

    func testBatchedWriteRollsBackWhenTheClosureThrows() throws {
        let database = try makeDatabaseWithTable()
        XCTAssertThrowsError(try database.write { connection in
            try connection.run("INSERT INTO t(v) VALUES (1)")
            throw PlannedFailure()
        }) { error in
            XCTAssertEqual(error as? PlannedFailure, PlannedFailure())
        }
        try database.write { try $0.run("INSERT INTO t(v) VALUES (2)") }
        XCTAssertEqual(try values(database), [2])
    }

    func testNestedSavepointsRollBackOnlyTheirOwnChanges() throws {
        let database = try makeDatabaseWithTable()
        try database.writeInOwnTransaction { connection in
            try connection.run("INSERT INTO t(v) VALUES (1)")
            XCTAssertThrowsError(try connection.savepoint {
                try connection.run("INSERT INTO t(v) VALUES (2)")
                try connection.savepoint { try connection.run("INSERT INTO t(v) VALUES (3)") }
                throw PlannedFailure()
            })
            try connection.savepoint {
                try connection.run("INSERT INTO t(v) VALUES (4)")
                XCTAssertThrowsError(try connection.savepoint {
                    try connection.run("INSERT INTO t(v) VALUES (5)")
                    throw PlannedFailure()
                })
                try connection.run("INSERT INTO t(v) VALUES (6)")
            }
        }
        XCTAssertEqual(try values(database), [1, 4, 6])
    }

    func testSavepointReturnsTheClosureResult() throws {
        let database = try makeDatabaseWithTable()
        let result = try database.write { connection in
            try connection.savepoint { () -> String in
                try connection.run("INSERT INTO t(v) VALUES (1)")
                return "xong"
            }
        }
        XCTAssertEqual(result, "xong")
        XCTAssertEqual(try values(database), [1])
    }
}
