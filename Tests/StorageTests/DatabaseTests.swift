import Foundation
import Storage
import XCTest

final class DatabaseTests: StorageTestCase {
    func testReadersSeeDataCommittedByWrite() throws {
        let database = try makeDatabaseWithTable()
        try database.write { try $0.run("INSERT INTO t(v) VALUES (?)", ["đã lưu"]) }
        let value = try database.read { try $0.queryOne("SELECT v FROM t")?.string("v") }
        XCTAssertEqual(value, "đã lưu")
    }

    func testReadIsNotBlockedWhileAWriteIsInProgress() throws {
        let database = try makeDatabaseWithTable()
        try database.write { try $0.run("INSERT INTO t(v) VALUES (1)") }
        let writeStarted = DispatchSemaphore(value: 0)
        let releaseWrite = DispatchSemaphore(value: 0)
        let writerResult = Locked<DispatchTimeoutResult?>(nil)
        let writerDone = DispatchSemaphore(value: 0)
        Thread {
            _ = try? database.write { connection in
                try connection.run("INSERT INTO t(v) VALUES (2)")
                writeStarted.signal()
                // Holds the write transaction open until the reader below has finished.
                let result = releaseWrite.wait(timeout: .now() + 10)
                writerResult.withLock { $0 = result }
            }
            writerDone.signal()
        }.start()
        writeStarted.wait()
        let seen = try database.read { try $0.query("SELECT v FROM t ORDER BY id").map { try $0.int("v") } }
        releaseWrite.signal()
        writerDone.wait()
        XCTAssertEqual(seen, [1], "the reader sees the last commit, not the open write")
        XCTAssertEqual(writerResult.withLock { $0 }, .success, "the read finished while the write was open")
        XCTAssertEqual(try count("t", in: database), 2)
    }

    func testConcurrentReadsUseDifferentConnections() throws {
        let database = try makeDatabase(readerCount: 2)
        let bothInside = DispatchGroup()
        bothInside.enter()
        bothInside.enter()
        let finished = DispatchGroup()
        let timedOut = Locked(false)
        for _ in 0..<2 {
            finished.enter()
            Thread {
                _ = try? database.read { _ in
                    bothInside.leave()
                    // Only returns once the other read is inside too: impossible on one connection.
                    if bothInside.wait(timeout: .now() + 10) == .timedOut { timedOut.withLock { $0 = true } }
                }
                finished.leave()
            }.start()
        }
        finished.wait()
        XCTAssertFalse(timedOut.withLock { $0 })
    }

    func testAcknowledgedWriteIsVisibleFromASecondDatabaseOnTheSameFile() throws {
        let first = try makeDatabaseWithTable()
        try first.write { try $0.run("INSERT INTO t(v) VALUES (?)", ["bền vững"]) }
        let second = try makeDatabase()
        let value = try second.read { try $0.queryOne("SELECT v FROM t")?.string("v") }
        XCTAssertEqual(value, "bền vững")
    }

    func testCloseFinishesAcceptedWritesAndRefusesLaterOnes() throws {
        let database = try makeDatabaseWithTable()
        let accepted = Locked(0)
        let group = DispatchGroup()
        for index in 0..<20 {
            group.enter()
            Thread {
                do {
                    try database.write { try $0.run("INSERT INTO t(v) VALUES (?)", [SQLiteValue(index)]) }
                    accepted.withLock { $0 += 1 }
                } catch let error as SQLiteError {
                    XCTAssertEqual(error.code, 21, "only a closed database may refuse a write")
                } catch {
                    XCTFail("unexpected \(error)")
                }
                group.leave()
            }.start()
        }
        database.close()
        group.wait()
        XCTAssertThrowsError(try database.read { _ in }) { XCTAssertEqual(($0 as? SQLiteError)?.code, 21) }
        XCTAssertThrowsError(try database.write { _ in }) { XCTAssertEqual(($0 as? SQLiteError)?.code, 21) }
        XCTAssertThrowsError(try database.writeInOwnTransaction { _ in }) {
            XCTAssertEqual(($0 as? SQLiteError)?.code, 21)
        }
        XCTAssertThrowsError(try database.checkpoint()) { XCTAssertEqual(($0 as? SQLiteError)?.code, 21) }
        let reopened = try makeDatabase()
        XCTAssertEqual(try count("t", in: reopened), accepted.withLock { $0 })
    }

    func testCloseCheckpointsTheWAL() throws {
        let database = try makeDatabaseWithTable()
        try database.write { try $0.run("INSERT INTO t(v) VALUES (zeroblob(100000))") }
        database.close()
        let walSize = (try? FileManager.default.attributesOfItem(atPath: try path() + "-wal")[.size] as? Int) ?? 0
        XCTAssertEqual(walSize, 0, "TRUNCATE checkpoint leaves an empty or no WAL")
    }
}

/// A small lock-protected box for results gathered on other threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
    // Safe to share: `value` is only touched while holding `lock`.
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
