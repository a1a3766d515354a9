import Foundation
@testable import Storage
import XCTest

/// `Database.write(_:completion:)`: the caller is answered after the commit, without a thread
/// waiting, and shares batches and error isolation with blocking writers.
final class GroupCommitAsyncTests: StorageTestCase {
    func testAsynchronousWritesAreAnsweredAfterTheirCommitWithTheirOwnResult() throws {
        let database = try makeDatabaseWithUniqueTable()
        let results = Locked<[Int: Result<Int64, Error>]>([:])
        let committedWhenAnswered = Locked<[Int: Bool]>([:])
        let group = DispatchGroup()
        // Submitted from one thread: none of them waits, so they queue up together.
        for index in 0..<50 {
            group.enter()
            database.write({ connection -> Int64 in
                try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(index)])
                return connection.lastInsertRowID
            }, completion: { result in
                // Answered on the writer queue once the commit returned: not in a transaction.
                let inTransaction = database.writes.writer.onQueue { $0.isInTransaction }
                committedWhenAnswered.withLock { $0[index] = !inTransaction }
                results.withLock { $0[index] = result }
                group.leave()
            })
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(results.withLock { $0.count }, 50)
        XCTAssertEqual(committedWhenAnswered.withLock { $0.values.filter { $0 }.count }, 50)
        for index in 0..<50 {
            let id = try results.withLock { $0[index] }?.get()
            let stored = try database.read { try $0.queryOne("SELECT n FROM w WHERE id = ?", [SQLiteValue(id)])?.int("n") }
            XCTAssertEqual(stored, index, "write \(index) got the row id of its own insert")
        }
        XCTAssertLessThan(database.writes.committedBatchCount, 50, "queued writes share commits")
    }

    func testFailingAsynchronousWriteFailsAloneAndItsBatchMatesCommit() throws {
        let database = try makeDatabaseWithUniqueTable()
        try database.write { try $0.run("INSERT INTO w(n) VALUES (-1)") }
        let failures = Locked<[Int]>([])
        let group = DispatchGroup()
        for index in 0..<20 {
            group.enter()
            let n = index == 7 ? -1 : index
            database.write({ connection in
                try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(1000 + index)])
                try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(n)])
            }, completion: { result in
                if case .failure(let error as SQLiteError) = result, error.isUniqueViolation {
                    failures.withLock { $0.append(index) }
                } else if case .failure = result {
                    failures.withLock { $0.append(-index - 100) }
                }
                group.leave()
            })
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(failures.withLock { $0 }, [7])
        XCTAssertEqual(try count("w", in: database), 1 + 19 * 2, "writer 7's first insert is undone with it")
    }

    func testAsynchronousWriteToAClosedDatabaseFailsAtOnce() throws {
        let database = try makeDatabaseWithUniqueTable()
        database.close()
        let answer = Locked<Result<Void, Error>?>(nil)
        database.write({ try $0.run("INSERT INTO w(n) VALUES (1)") }, completion: { result in
            answer.withLock { $0 = result }
        })
        // Answered before `write` returned, on this thread.
        guard case .failure(let error as SQLiteError)? = answer.withLock({ $0 }) else {
            return XCTFail("expected databaseClosed, got \(String(describing: answer.withLock { $0 }))")
        }
        XCTAssertEqual(error.extendedCode, SQLiteError.databaseClosed.extendedCode)
    }

    func testCloseWaitsForAcceptedAsynchronousWrites() throws {
        let path = try path("close.sqlite")
        let database = try Database(path: path)
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE w(id INTEGER PRIMARY KEY, n INTEGER UNIQUE)") }
        let answered = Locked(0)
        for index in 0..<200 {
            database.write({ try $0.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(index)]) }, completion: { result in
                if case .success = result { answered.withLock { $0 += 1 } }
            })
        }
        database.close()
        XCTAssertEqual(answered.withLock { $0 }, 200, "every accepted write is committed and answered before close returns")
        let reopened = try Database(path: path)
        defer { reopened.close() }
        XCTAssertEqual(try count("w", in: reopened), 200)
    }
}
