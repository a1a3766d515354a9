import Foundation
@testable import Storage
import XCTest

final class GroupCommitTests: StorageTestCase {
    /// Holds the writer queue inside a write until the returned semaphore is signalled.
    private func occupyWriter(_ database: Database) -> (release: DispatchSemaphore, done: DispatchSemaphore) {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            _ = try? database.write { _ in
                started.signal()
                _ = release.wait(timeout: .now() + 30)
            }
            done.signal()
        }.start()
        started.wait()
        return (release, done)
    }

    /// Waits (bounded) until `count` writes are queued behind the busy writer.
    private func waitForPending(_ count: Int, in database: Database, file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(30)
        while database.writes.pendingCount < count && Date() < deadline {
            usleep(1_000)
        }
        XCTAssertEqual(database.writes.pendingCount, count, file: file, line: line)
    }

    func testWritesQueuedBehindABusyWriterCommitAsOneBatch() throws {
        let database = try makeDatabaseWithUniqueTable()
        let writer = occupyWriter(database)
        let group = DispatchGroup()
        let failures = Locked(0)
        for index in 0..<100 {
            group.enter()
            Thread {
                do {
                    try database.write { try $0.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(index)]) }
                } catch {
                    failures.withLock { $0 += 1 }
                }
                group.leave()
            }.start()
        }
        waitForPending(100, in: database)
        writer.release.signal()
        writer.done.wait()
        group.wait()
        XCTAssertEqual(failures.withLock { $0 }, 0)
        XCTAssertEqual(database.writes.committedBatchCount, 2, "the blocking write, then all 100 together")
        XCTAssertEqual(try count("w", in: database), 100)
    }

    func testFailingWriteFailsOnlyItsOwnCallerWhileBatchMatesCommit() throws {
        let database = try makeDatabaseWithUniqueTable()
        try database.write { try $0.run("INSERT INTO w(n) VALUES (-1)") }
        let batchesBefore = database.writes.committedBatchCount
        let writer = occupyWriter(database)
        let group = DispatchGroup()
        let errors = Locked<[Int: String]>([:])
        let uniqueViolations = Locked<[Int]>([])
        for index in 0..<20 {
            group.enter()
            Thread {
                do {
                    // Writer 7's second insert collides with the existing n = -1: it must fail
                    // alone, and its first insert must be undone with it.
                    let n = index == 7 ? -1 : index
                    try database.write { connection in
                        try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(1000 + index)])
                        try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(n)])
                    }
                } catch let error as SQLiteError where error.isUniqueViolation {
                    uniqueViolations.withLock { $0.append(index) }
                } catch {
                    errors.withLock { $0[index] = "\(error)" }
                }
                group.leave()
            }.start()
        }
        waitForPending(20, in: database)
        writer.release.signal()
        writer.done.wait()
        group.wait()
        XCTAssertEqual(uniqueViolations.withLock { $0 }, [7])
        XCTAssertEqual(errors.withLock { $0 }, [:])
        XCTAssertEqual(database.writes.committedBatchCount - batchesBefore, 2)
        let committed = try database.read { try $0.query("SELECT n FROM w ORDER BY n").map { try $0.int("n") } }
        let expected = [-1] + (0..<20).filter { $0 != 7 } + (0..<20).filter { $0 != 7 }.map { 1000 + $0 }
        XCTAssertEqual(committed, expected, "the failed closure's savepoint is rolled back, batch-mates kept")
    }

    func testConcurrentWritersAreCommittedInOrderOfAcknowledgement() throws {
        let database = try makeDatabaseWithUniqueTable()
        let sequence = Locked(0)
        struct Record: Sendable { let start: Int; let ack: Int; let rowID: Int64; let visible: Bool }
        let records = Locked<[Record]>([])
        let errors = Locked<[String]>([])
        let group = DispatchGroup()
        for index in 0..<100 {
            group.enter()
            Thread {
                do {
                    let start = sequence.withLock { value in value += 1; return value }
                    let rowID = try database.write { connection -> Int64 in
                        try connection.run("INSERT INTO w(n) VALUES (?)", [SQLiteValue(index)])
                        return connection.lastInsertRowID
                    }
                    let ack = sequence.withLock { value in value += 1; return value }
                    let visible = try database.read {
                        try $0.queryOne("SELECT n FROM w WHERE id = ?", [SQLiteValue(rowID)])?.int("n") == index
                    }
                    records.withLock { $0.append(Record(start: start, ack: ack, rowID: rowID, visible: visible)) }
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
                group.leave()
            }.start()
        }
        group.wait()
        XCTAssertEqual(errors.withLock { $0 }, [])
        let all = records.withLock { $0 }
        XCTAssertEqual(all.count, 100)
        XCTAssertTrue(all.allSatisfy(\.visible), "every acknowledged write is readable at once")
        for earlier in all {
            for later in all where earlier.ack < later.start {
                XCTAssertLessThan(earlier.rowID, later.rowID, "a write started after another's ack comes after it")
            }
        }
        XCTAssertEqual(try count("w", in: database), 100)
        print("group commit: 100 writers in \(database.writes.committedBatchCount - 1) batches")
    }

    func testDurableWriteThroughputIsPrintedNotAsserted() throws {
        let database = try makeDatabaseWithTable()
        let writers = 64, writesEach = 40
        let group = DispatchGroup()
        let failures = Locked(0)
        let start = Date()
        for writer in 0..<writers {
            group.enter()
            Thread {
                for index in 0..<writesEach {
                    do {
                        try database.write {
                            try $0.run("INSERT INTO t(v) VALUES (?)", [SQLiteValue("\(writer)-\(index)")])
                        }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
                group.leave()
            }.start()
        }
        group.wait()
        let seconds = Date().timeIntervalSince(start)
        let total = writers * writesEach
        print("group commit: \(total) durable writes from \(writers) threads in \(seconds) s = "
              + "\(Int(Double(total) / seconds)) writes/s, \(database.writes.committedBatchCount - 1) batches")
        XCTAssertEqual(failures.withLock { $0 }, 0)
        XCTAssertEqual(try count("t", in: database), total)
    }
}
