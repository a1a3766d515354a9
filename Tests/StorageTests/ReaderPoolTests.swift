import Foundation
@testable import Storage
import XCTest

/// Callers waiting for a reader get one in arrival order, one hand-over each, and a close
/// releases waiters with an error instead of leaving them blocked.
final class ReaderPoolTests: StorageTestCase {
    /// Starts a thread that reads and records `index` once it has a reader; returns after
    /// the thread is queued behind the held reader.
    private func startQueuedRead(_ index: Int, on database: Database, order: Locked<[Int]>, group: DispatchGroup,
                                 file: StaticString = #filePath, line: UInt = #line) {
        let queuedBefore = database.readers.waitingCount
        group.enter()
        Thread {
            defer { group.leave() }
            _ = try? database.read { _ in order.withLock { $0.append(index) } }
        }.start()
        let deadline = Date().addingTimeInterval(10)
        while database.readers.waitingCount == queuedBefore && Date() < deadline { usleep(500) }
        XCTAssertEqual(database.readers.waitingCount, queuedBefore + 1, "read \(index) is waiting", file: file, line: line)
    }

    func testWaitingReadsGetTheReaderInArrivalOrder() throws {
        let database = try makeDatabaseWithTable(readerCount: 1)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let order = Locked<[Int]>([])
        let group = DispatchGroup()
        group.enter()
        Thread {
            defer { group.leave() }
            _ = try? database.read { _ in
                holding.signal()
                release.wait()
            }
        }.start()
        holding.wait()
        for index in 0..<8 { startQueuedRead(index, on: database, order: order, group: group) }
        release.signal()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(order.withLock { $0 }, Array(0..<8))
    }

    func testCloseFailsWaitingReadsInsteadOfLeavingThemBlocked() throws {
        let path = try path("close.sqlite")
        let database = try Database(path: path, readerCount: 1)
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let outcomes = Locked<[String]>([])
        Thread {
            _ = try? database.read { _ in
                holding.signal()
                release.wait()
            }
        }.start()
        holding.wait()
        let group = DispatchGroup()
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                try database.read { _ in outcomes.withLock { $0.append("read") } }
            } catch {
                outcomes.withLock { $0.append("\(error)") }
            }
        }.start()
        while database.readers.waitingCount == 0 { usleep(500) }
        let closed = DispatchSemaphore(value: 0)
        Thread {
            database.close()
            closed.signal()
        }.start()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success, "the waiting read is released by close")
        XCTAssertEqual(outcomes.withLock { $0.count }, 1)
        XCTAssertNotEqual(outcomes.withLock { $0.first }, "read")
        XCTAssertEqual(closed.wait(timeout: .now() + 0.2), .timedOut, "close still waits for the read in progress")
        release.signal()
        XCTAssertEqual(closed.wait(timeout: .now() + 10), .success)
    }
}
