import Storage
import XCTest

final class RowTests: StorageTestCase {
    private let vietnamese = "Đăng ký khai sinh – Quảng Ngãi"

    func testEveryValueTypeRoundTripsUnchanged() throws {
        let database = try makeDatabaseWithTable()
        let values: [SQLiteValue] = [
            .integer(0), .integer(.min), .integer(.max), .real(3.25), .real(-1e-300),
            .text(vietnamese), .text(""), .text("a\u{0}b"),
            .blob([0, 1, 0, 255, 0]), .blob([]), .blob([0]), .null,
        ]
        try database.write { connection in
            for value in values {
                try connection.run("INSERT INTO t(v) VALUES (?)", [value])
            }
        }
        let rows = try database.read { try $0.query("SELECT v, typeof(v) AS kind FROM t ORDER BY id") }
        XCTAssertEqual(rows.map { $0["v"] }, values)
        XCTAssertEqual(rows.map { $0["kind"] }, values.map { .text($0.typeName) })
    }

    func testVietnameseTextKeepsItsExactUTF8Bytes() throws {
        let database = try makeDatabaseWithTable()
        try database.write { try $0.run("INSERT INTO t(v) VALUES (?)", [SQLiteValue(vietnamese)]) }
        let row = try XCTUnwrap(try database.read { try $0.queryOne("SELECT v, length(v) AS n FROM t") })
        XCTAssertEqual(Array(try row.string("v").utf8), Array(vietnamese.utf8))
        XCTAssertEqual(try row.int("n"), vietnamese.count, "SQLite counts characters, not bytes")
    }

    func testBlobWithNulBytesComesBackWhole() throws {
        let database = try makeDatabaseWithTable()
        let blob: [UInt8] = [0, 0, 0x41, 0, 0xff, 0]
        try database.write { try $0.run("INSERT INTO t(v) VALUES (?)", [SQLiteValue(blob)]) }
        let row = try XCTUnwrap(try database.read { try $0.queryOne("SELECT v, length(v) AS n FROM t") })
        XCTAssertEqual(try row.blob("v"), blob)
        XCTAssertEqual(try row.int("n"), 6)
    }

    func testTypedAccessorsReadMatchingValues() throws {
        let database = try makeDatabase()
        let row = try XCTUnwrap(try database.read {
            try $0.queryOne("SELECT 42 AS i, 2.5 AS r, 'x' AS s, x'00ff' AS b, NULL AS n, 1 AS yes, 0 AS no")
        })
        XCTAssertEqual(try row.int("i"), 42)
        XCTAssertEqual(try row.int64("i"), 42)
        XCTAssertEqual(try row.double("r"), 2.5)
        XCTAssertEqual(try row.double("i"), 42, "integers widen to Double")
        XCTAssertEqual(try row.string("s"), "x")
        XCTAssertEqual(try row.blob("b"), [0, 0xff])
        XCTAssertEqual(try row.bool("yes"), true)
        XCTAssertEqual(try row.bool("no"), false)
        XCTAssertNil(try row.optionalString("n"))
        XCTAssertNil(try row.optionalInt("n"))
        XCTAssertEqual(try row.optionalInt("i"), 42)
        XCTAssertEqual(try row.optionalString("s"), "x")
        XCTAssertEqual(row[0], .integer(42))
        XCTAssertEqual(row["I"], .integer(42), "column names match case-insensitively, as in SQLite")
    }

    func testTypedAccessorMismatchThrowsInsteadOfTrapping() throws {
        let database = try makeDatabase()
        let row = try XCTUnwrap(try database.read { try $0.queryOne("SELECT 'text' AS s, NULL AS n, 7 AS i") })
        XCTAssertThrowsError(try row.int("s")) { error in
            XCTAssertEqual(error as? RowDecodingError, .typeMismatch(column: "s", expected: "integer", found: "text"))
        }
        XCTAssertThrowsError(try row.string("n")) { error in
            XCTAssertEqual(error as? RowDecodingError, .typeMismatch(column: "n", expected: "text", found: "null"))
        }
        XCTAssertThrowsError(try row.optionalString("i")) { error in
            XCTAssertEqual((error as? RowDecodingError)?.column, "i")
        }
        XCTAssertThrowsError(try row.blob("s"))
        XCTAssertThrowsError(try row.double("s"))
        XCTAssertThrowsError(try row.int("absent")) { error in
            XCTAssertEqual(error as? RowDecodingError, .missingColumn("absent"))
        }
        XCTAssertEqual(row["absent"], .null)
    }

    func testValueInitializersAndLiteralsMapToTheRightCase() {
        let optionalNone: String? = nil
        XCTAssertEqual(SQLiteValue(7), .integer(7))
        XCTAssertEqual(SQLiteValue(true), .integer(1))
        XCTAssertEqual(SQLiteValue(false), .integer(0))
        XCTAssertEqual(SQLiteValue(optionalNone), .null)
        XCTAssertEqual(SQLiteValue(Optional(2.5)), .real(2.5))
        XCTAssertEqual(SQLiteValue([UInt8]([1, 2])), .blob([1, 2]))
        let literals: [SQLiteValue] = [1, 1.5, "a", nil, true]
        XCTAssertEqual(literals, [.integer(1), .real(1.5), .text("a"), .null, .integer(1)])
    }
}

extension RowTests {
    func testArrayLiteralOfBytesBuildsABlob() {
        XCTAssertEqual(SQLiteValue([0, 1]), .blob([0, 1]))
    }
}
