@testable import Storage
import XCTest

final class StatementTests: StorageTestCase {
    func testParametersBindByNameWithEachPrefix() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE p(a, b, c)") }
        try database.write { connection in
            try connection.run("INSERT INTO p(a, b, c) VALUES (:a, @b, $c)",
                               named: [":a": 1, "@b": "hai", "$c": .blob([3])])
        }
        let rows = try database.read { try $0.query("SELECT * FROM p WHERE a = :a", named: [":a": 1]) }
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.values, [.integer(1), .text("hai"), .blob([3])])
    }

    func testReusedStatementDoesNotKeepOldBindings() throws {
        let database = try makeDatabaseWithTable()
        let values = try database.write { connection -> [SQLiteValue] in
            let insert = try connection.prepare("INSERT INTO t(v) VALUES (?)")
            try insert.bind([1])
            try insert.execute()
            try insert.bind([.null])
            try insert.execute()
            return try connection.query("SELECT v FROM t ORDER BY id").map { $0[0] }
        }
        XCTAssertEqual(values, [.integer(1), .null])
    }

    func testStatementCacheReusesThePreparedStatement() throws {
        let database = try makeDatabaseWithTable()
        let same = try database.write { connection in
            try connection.prepare("SELECT v FROM t") === connection.prepare("SELECT v FROM t")
        }
        XCTAssertTrue(same)
    }

    func testStatementCacheNeverHoldsMoreThanItsLimit() throws {
        let database = try makeDatabaseWithTable()
        let counts = try database.write { connection -> [Int] in
            // SQL built at run time: a new text each time, as an IN list of growing length.
            try (1...1_300).map { count in
                let placeholders = Array(repeating: "?", count: count % 700 + 1).joined(separator: ", ")
                _ = try connection.query("SELECT v FROM t WHERE v IN (\(placeholders)) OR \(count) = 0",
                                         Array(repeating: SQLiteValue(1), count: count % 700 + 1))
                return connection.cachedStatementCount
            }
        }
        XCTAssertLessThanOrEqual(counts.max() ?? 0, 512)
        XCTAssertGreaterThan(counts.max() ?? 0, 500, "the cache fills up to its limit before starting over")
        let reused = try database.write { connection in
            try connection.prepare("SELECT v FROM t") === connection.prepare("SELECT v FROM t")
        }
        XCTAssertTrue(reused, "still a cache after starting over")
    }

    func testStatementThatFailedIsEvictedFromTheCache() throws {
        let database = try makeDatabase()
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE u(k TEXT UNIQUE)") }
        let sql = "INSERT INTO u(k) VALUES (?)"
        let (replaced, caughtUnique) = try database.write { connection -> (Bool, Bool) in
            let first = try connection.prepare(sql)
            try connection.run(sql, ["x"])
            var caughtUnique = false
            do {
                try connection.run(sql, ["x"])
            } catch let error as SQLiteError {
                caughtUnique = error.isUniqueViolation
            }
            return (try connection.prepare(sql) !== first, caughtUnique)
        }
        XCTAssertTrue(caughtUnique)
        XCTAssertTrue(replaced, "a statement whose step failed must be prepared afresh")
        XCTAssertEqual(try count("u", in: database), 1)
    }

    func testSameQueryNestedInsideItsOwnLoopGetsItsOwnStatement() throws {
        let database = try makeDatabaseWithTable()
        try database.write { connection in
            for value in 1...3 { try connection.run("INSERT INTO t(v) VALUES (?)", [SQLiteValue(value)]) }
        }
        var pairs: [Int] = []
        try database.read { connection in
            try connection.forEach("SELECT v FROM t ORDER BY id") { outer in
                let inner = try connection.query("SELECT v FROM t ORDER BY id")
                pairs.append(try outer.int(at: 0) * 10 + inner.count)
            }
        }
        XCTAssertEqual(pairs, [13, 23, 33])
    }

    func testForEachStreamsRowsThroughTypedCursorReaders() throws {
        let database = try makeDatabase()
        var seen: [String] = []
        try database.read { connection in
            let sql = "SELECT 1 AS i, 1.5 AS r, 'một' AS s, NULL AS n UNION ALL SELECT 2, 2.5, 'hai', 'x'"
            try connection.forEach(sql) { cursor in
                let text = try cursor.optionalString(at: 3) ?? "nil"
                seen.append("\(try cursor.int(at: 0)) \(try cursor.double(at: 1)) \(try cursor.string(at: 2)) \(text)")
                XCTAssertEqual(cursor.index(of: "s"), 2)
                XCTAssertThrowsError(try cursor.int64(at: 2)) { error in
                    XCTAssertEqual(error as? RowDecodingError,
                                   .typeMismatch(column: "s", expected: "integer", found: "text"))
                }
            }
        }
        XCTAssertEqual(seen, ["1 1.5 một nil", "2 2.5 hai x"])
    }

    func testPreparingTwoStatementsAtOnceIsRefused() throws {
        let database = try makeDatabase()
        XCTAssertThrowsError(try database.read { _ = try $0.prepare("SELECT 1; SELECT 2") }) { error in
            XCTAssertEqual((error as? SQLiteError)?.code, 21, "SQLITE_MISUSE")
        }
    }

    func testSyntaxErrorCarriesCodeMessageAndSQL() throws {
        let database = try makeDatabase()
        XCTAssertThrowsError(try database.read { _ = try $0.query("SELEC 1") }) { error in
            let sqliteError = error as? SQLiteError
            XCTAssertEqual(sqliteError?.code, 1, "SQLITE_ERROR")
            XCTAssertEqual(sqliteError?.sql, "SELEC 1")
            XCTAssertTrue(sqliteError?.message.contains("syntax error") ?? false)
        }
    }

    func testChangesAndLastInsertRowIDReportTheLastStatement() throws {
        let database = try makeDatabaseWithTable()
        let (rowID, changes) = try database.write { connection -> (Int64, Int) in
            try connection.run("INSERT INTO t(v) VALUES (1), (2), (3)")
            let rowID = connection.lastInsertRowID
            try connection.run("UPDATE t SET v = 0 WHERE v > ?", [1])
            return (rowID, connection.changes)
        }
        XCTAssertEqual(rowID, 3)
        XCTAssertEqual(changes, 2)
    }
}
