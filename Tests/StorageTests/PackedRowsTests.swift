import Storage
import XCTest

/// `PackedRows` run through `Statement.execute(rows:)`, and the bulk-load transaction.
final class PackedRowsTests: StorageTestCase {
    func testPackedRowsRoundTripEveryStorageClass() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE p(a, b, c, d)") }
        var rows = PackedRows(columnCount: 4, reservingRows: 3, bytesPerRow: 16)
        rows.append("Nguyễn Thị Ánh"); rows.append(Int64.max); rows.append(2.5); rows.append([0, 1, 0, 255])
        rows.append(""); rows.append(-7); rows.append(nil as String?); rows.append([UInt8]())
        rows.append(utf8: Array("Quảng Ngãi".utf8)); rows.append(nil as Int?); rows.appendNull(); rows.append(SQLiteValue.real(-0.5))
        XCTAssertEqual(rows.rowCount, 3)
        let written = try database.writeInOwnTransaction { connection in
            try connection.prepare("INSERT INTO p(a, b, c, d) VALUES (?, ?, ?, ?)").execute(rows: rows)
        }
        XCTAssertEqual(written, 3)
        let values = try database.read { try $0.query("SELECT * FROM p ORDER BY rowid").map(\.values) }
        XCTAssertEqual(values, [
            [.text("Nguyễn Thị Ánh"), .integer(Int64.max), .real(2.5), .blob([0, 1, 0, 255])],
            [.text(""), .integer(-7), .null, .blob([])],
            [.text("Quảng Ngãi"), .null, .null, .real(-0.5)],
        ])
    }

    func testFailingRowThrowsAndLeavesTheStatementReusable() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE u(k TEXT UNIQUE)") }
        var rows = PackedRows(columnCount: 1)
        for key in ["một", "hai", "một"] { rows.append(key) }
        XCTAssertThrowsError(try database.writeInOwnTransaction { connection in
            try connection.prepare("INSERT INTO u(k) VALUES (?)").execute(rows: rows)
        }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isUniqueViolation ?? false, "\(error)")
        }
        XCTAssertEqual(try count("u", in: database), 0, "the transaction rolled back")
        var fresh = PackedRows(columnCount: 1)
        fresh.append("ba")
        _ = try database.writeInOwnTransaction { connection in
            try connection.prepare("INSERT INTO u(k) VALUES (?)").execute(rows: fresh)
        }
        XCTAssertEqual(try count("u", in: database), 1)
    }

    func testBulkWriteSkipsForeignKeyChecksThenRestoresTheConnectionSettings() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { connection in
            try connection.execute("CREATE TABLE parent(id INTEGER PRIMARY KEY); CREATE TABLE child(parent_id REFERENCES parent(id))")
        }
        try database.bulkWriteInOwnTransaction { try $0.run("INSERT INTO child(parent_id) VALUES (42)") }
        XCTAssertEqual(try count("child", in: database), 1)
        let settings = try database.writeInOwnTransaction { connection in
            [try connection.queryOne("PRAGMA foreign_keys")?.values.first, try connection.queryOne("PRAGMA synchronous")?.values.first]
        }
        XCTAssertEqual(settings, [.integer(1), .integer(2)], "foreign_keys=ON and synchronous=FULL again")
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO child(parent_id) VALUES (43)") }) { error in
            XCTAssertTrue((error as? SQLiteError)?.isForeignKeyViolation ?? false, "\(error)")
        }
    }

    func testBulkWriteRollsBackEverythingWhenItsBodyThrows() throws {
        let database = try makeDatabaseWithTable()
        XCTAssertThrowsError(try database.bulkWriteInOwnTransaction { connection in
            try connection.run("INSERT INTO t(v) VALUES (1)")
            throw PlannedFailure()
        }) { error in
            XCTAssertEqual(error as? PlannedFailure, PlannedFailure())
        }
        XCTAssertEqual(try count("t", in: database), 0)
        let foreignKeys = try database.writeInOwnTransaction { try $0.queryOne("PRAGMA foreign_keys")?.values.first }
        XCTAssertEqual(foreignKeys, .integer(1))
    }

    func testMultiRowStatementRunsWholeGroupsAndReturnsTheFirstRowLeft() throws {
        let database = try makeDatabaseWithTable()
        var rows = PackedRows(columnCount: 1)
        for value in 1...5 { rows.append(value) }
        let next = try database.writeInOwnTransaction { connection -> Int in
            let pairs = try connection.prepare("INSERT INTO t(v) VALUES (?), (?)")
            let next = try pairs.execute(rows: rows)
            let last = try connection.prepare("INSERT INTO t(v) VALUES (?)").execute(rows: rows, from: next)
            XCTAssertEqual(last, 5)
            return next
        }
        XCTAssertEqual(next, 4, "two runs of two rows; the fifth row is left for the single-row statement")
        let values = try database.read { try $0.query("SELECT v FROM t ORDER BY id").map { $0[0] } }
        XCTAssertEqual(values, [1, 2, 3, 4, 5])
    }
}
