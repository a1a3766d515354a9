import Storage
import XCTest

/// `PackedRows` run through `Statement.execute(rows:)`.
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
