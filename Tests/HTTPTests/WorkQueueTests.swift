import Foundation
@testable import HTTP
import TestSupport
import XCTest

/// The pools' FIFO: order, bounded storage and released items under a load that never lets
/// it empty.
final class WorkQueueTests: XCTestCase {
    func testItemsComeOutInOrderAndStorageStaysBoundedWhileTheQueueNeverEmpties() {
        var queue = WorkQueue()
        let ran = Locked<[Int]>([])
        var next = 0
        func add() {
            let index = next
            next += 1
            queue.append { ran.withLock { $0.append(index) } }
        }
        // A backlog of 10 that never drains: one in, one out, 10,000 times.
        for _ in 0..<10 { add() }
        for _ in 0..<10_000 {
            add()
            queue.popFirst()?()
        }
        XCTAssertEqual(ran.withLock { $0 }, Array(0..<10_000))
        XCTAssertLessThanOrEqual(queue.storedCount, 10 + 1_025, "taken slots are cut off")
        while let work = queue.popFirst() { work() }
        XCTAssertEqual(ran.withLock { $0 }, Array(0..<10_010))
        XCTAssertNil(queue.popFirst())
        XCTAssertEqual(queue.storedCount, 0)
    }

    func testATakenItemIsNotKeptAliveByTheQueue() {
        final class Payload: Sendable {}
        var queue = WorkQueue()
        weak var released: Payload?
        do {
            let payload = Payload()
            released = payload
            queue.append { _ = payload }
        }
        queue.append {}
        queue.popFirst()?()
        XCTAssertEqual(queue.storedCount, 2, "the taken slot is still stored, the other item waits")
        XCTAssertNil(released)
    }
}
