import CSQLite
import Foundation
@testable import Storage
import TestSupport
import XCTest

final class WALCheckpointerTests: StorageTestCase {
    private func makeDatabase(checkpointFrames: Int) throws -> Database {
        let database = try Database(path: try path(), readerCount: 2, checkpointFrames: checkpointFrames)
        addTeardownBlock { database.close() }
        try database.writeInOwnTransaction { try $0.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT NOT NULL)") }
        return database
    }

    /// One commit per call: sequential writes never share a batch.
    private func insert(_ count: Int, into database: Database, from start: Int = 0) throws {
        for index in start..<(start + count) {
            try database.write { try $0.run("INSERT INTO t(id, v) VALUES (?, ?)", [.integer(Int64(index)), .text("hồ sơ \(index)")]) }
        }
    }

    private func waitUntil(_ condition: () -> Bool, timeout: TimeInterval = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition(), Date() < deadline { usleep(2_000) }
    }

    func testCommitsPastSQLitesAutomaticThresholdDoNotCheckpointOnTheWriter() throws {
        // SQLite's own automatic checkpoint starts over at 1,000 frames. With the checkpointer
        // paused (its limit is 16 x 300), 1,100 commits must leave them all in the WAL.
        let database = try makeDatabase(checkpointFrames: 300)
        database.checkpointer.isPaused = true
        try insert(1_100, into: database)
        XCTAssertGreaterThanOrEqual(database.checkpointer.lastWALFrames, 1_100)
        XCTAssertEqual(database.checkpointer.checkpointCount, 0)
        XCTAssertEqual(database.checkpointer.writerCheckpointCount, 0)

        // Resumed: the next commit wakes the checkpointer; once it has copied everything, the
        // commit after it starts the WAL over.
        database.checkpointer.isPaused = false
        try insert(1, into: database, from: 1_100)
        waitUntil { database.checkpointer.checkpointCount >= 1 }
        XCTAssertEqual(database.checkpointer.checkpointCount, 1)
        try insert(1, into: database, from: 1_101)
        XCTAssertLessThan(database.checkpointer.lastWALFrames, 10, "the WAL should start over after a complete checkpoint")
        XCTAssertEqual(database.checkpointer.writerCheckpointCount, 0)
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM t")?.int("n") }, 1_102)
    }

    func testTheWriterFinishesTheCheckpointAtTheLimit() throws {
        let database = try makeDatabase(checkpointFrames: 20)
        let limit = 20 * WALCheckpointer.limitFactor
        database.checkpointer.isPaused = true
        try insert(limit + 50, into: database)
        XCTAssertGreaterThanOrEqual(database.checkpointer.writerCheckpointCount, 1)
        XCTAssertEqual(database.checkpointer.checkpointCount, 0)
        XCTAssertLessThan(database.checkpointer.lastWALFrames, limit, "the WAL should have started over after the writer's checkpoint")
    }

    func testConcurrentWritesAndReadsThroughManyCheckpointsLoseNothing() throws {
        let file = try path()
        do {
            let database = try makeDatabase(checkpointFrames: 20)
            let writers = 8, perWriter = 150
            let failures = Locked(0)
            DispatchQueue.concurrentPerform(iterations: writers + 2) { worker in
                if worker >= writers {
                    // Readers all along: each sees a consistent count that never goes down.
                    var last = 0
                    for _ in 0..<200 {
                        let count = (try? database.read { try $0.queryOne("SELECT count(*) AS n FROM t")?.int("n") }) ?? nil
                        guard let count, count >= last else { failures.withLock { $0 += 1 }; return }
                        last = count
                    }
                    return
                }
                for index in 0..<perWriter {
                    let id = Int64(worker * perWriter + index)
                    do {
                        try database.write { try $0.run("INSERT INTO t(id, v) VALUES (?, ?)", [.integer(id), .text("v\(id)")]) }
                    } catch {
                        failures.withLock { $0 += 1 }
                    }
                }
            }
            XCTAssertEqual(failures.withLock { $0 }, 0)
            XCTAssertGreaterThan(database.checkpointer.checkpointCount + database.checkpointer.writerCheckpointCount, 0)
            database.close()
        }
        let reopened = try Database(path: file, readerCount: 1)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.read { try $0.queryOne("SELECT count(*) AS n, sum(id) AS s FROM t").map { [try $0.int("n"), try $0.int("s")] } },
                       [1_200, (0..<1_200).reduce(0, +)])
        XCTAssertEqual(try reopened.quickCheck(), ["ok"])
    }
}

extension WALCheckpointerTests {
    /// `Database.checkpoint()` (TRUNCATE on the writer) gets SQLite's checkpoint lock only when
    /// no other checkpoint holds it, and SQLite does not wait for that lock: it must wait for a
    /// background checkpoint itself rather than fail with SQLITE_BUSY.
    func testAnExplicitCheckpointWaitsForABackgroundOne() throws {
        let database = try makeDatabase(checkpointFrames: 2)
        var failures: [String] = []
        for round in 0..<100 {
            try insert(4, into: database, from: round * 4)
            do {
                try database.checkpoint()
            } catch {
                failures.append("round \(round): \(error)")
            }
        }
        XCTAssertEqual(failures, [], "checkpoint() failed while the checkpointer ran")
        XCTAssertGreaterThan(database.checkpointer.checkpointCount, 0, "the background checkpointer never ran")
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM t")?.int("n") }, 400)
    }
}

extension WALCheckpointerTests {
    /// A reader that keeps an old snapshot pins the WAL: it cannot start over, past the limit
    /// too, but every write still commits; once the reader ends, the WAL starts over.
    func testAReaderHoldingAnOldSnapshotDelaysTheRestartWithoutBlockingWrites() throws {
        let database = try makeDatabase(checkpointFrames: 10)  // limit 160
        try insert(5, into: database)
        let holding = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let seen = Locked<Int?>(nil)
        Thread {
            let count = try? database.read { connection -> Int? in
                let count = try connection.queryOne("SELECT count(*) AS n FROM t")?.int("n")
                holding.signal()
                _ = release.wait(timeout: .now() + 30)
                return count
            }
            seen.withLock { $0 = count ?? nil }
            done.signal()
        }.start()
        holding.wait()
        try insert(300, into: database, from: 5)
        XCTAssertGreaterThanOrEqual(database.checkpointer.lastWALFrames, 300, "the old snapshot should keep the WAL from starting over")
        release.signal()
        done.wait()
        XCTAssertEqual(seen.withLock { $0 }, 5, "the reader saw its snapshot")

        var next = 305
        while database.checkpointer.lastWALFrames >= 10, next < 405 {
            try insert(1, into: database, from: next)
            next += 1
            usleep(1_000)
        }
        XCTAssertLessThan(database.checkpointer.lastWALFrames, 10, "the WAL should start over once the reader is gone")
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT count(*) AS n FROM t")?.int("n") }, next)
    }
}
