import Foundation
@testable import Storage
import XCTest

/// A write is committed whole or not at all, and only when its caller is told so, even when it
/// leaves a statement part-way or its savepoint cannot be undone.
final class SavepointFailureTests: StorageTestCase {
    private func numbers(in database: Database) throws -> [Int] {
        try database.read { try $0.query("SELECT n FROM w ORDER BY n").map { try $0.int("n") } }
    }

    /// `prepare` and one `step` of a two-row RETURNING insert, then return: the statement is
    /// still running when the write's savepoint is released.
    func testAWriteThatLeavesAStatementPartWayIsCommittedWhole() throws {
        let database = try makeDatabaseWithUniqueTable()
        try database.write { connection in
            try connection.run("INSERT INTO w(n) VALUES (1)")
            let insert = try connection.prepare("INSERT INTO w(n) VALUES (2), (3) RETURNING n")
            XCTAssertTrue(try insert.step())
        }
        XCTAssertEqual(try numbers(in: database), [1, 2, 3])
        // The connection goes on: the same statement again, and a plain write.
        try database.write { connection in
            let insert = try connection.prepare("INSERT INTO w(n) VALUES (2), (3) RETURNING n")
            insert.reset()
            try connection.run("INSERT INTO w(n) VALUES (4)")
        }
        XCTAssertEqual(try numbers(in: database), [1, 2, 3, 4])
    }

    /// A transaction that a failed ROLLBACK left open on the writer (planted here by hand) is
    /// ended, uncommitted, before the next batch, instead of every later write failing with
    /// "cannot start a transaction within a transaction".
    func testATransactionLeftOpenIsEndedBeforeTheNextWrite() throws {
        let database = try makeDatabaseWithUniqueTable()
        try database.write { try $0.run("INSERT INTO w(n) VALUES (1)") }
        try database.writes.writer.sync { connection in
            try connection.run("BEGIN")
            try connection.run("INSERT INTO w(n) VALUES (2)")
        }
        try database.write { try $0.run("INSERT INTO w(n) VALUES (3)") }
        XCTAssertEqual(try numbers(in: database), [1, 3])
    }
}
