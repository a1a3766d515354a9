import Foundation

/// The read-only connections of a `Database`, checked out one per `read` call.
///
/// Concurrent reads use different connections. When all are out, callers wait in arrival
/// order and a returned connection goes straight to the longest waiter: one wake-up per
/// hand-over, and no late arrival can take a connection ahead of a waiting caller (with
/// many more handler threads than readers, a free-for-all left some reads waiting far longer
/// than the rest, which showed in the tail latency).
// Safe to share: `idle`, `waiters`, `checkedOutCount` and `isClosed` are only used while holding
// `condition`'s lock; each connection is used only on its own queue; a `Waiter`'s `reader` is
// written under the lock before its semaphore is signalled and read after the wait.
final class ReaderPool: @unchecked Sendable {
    private final class Waiter: @unchecked Sendable {
        let handedOver = DispatchSemaphore(value: 0)
        var reader: SerializedConnection?
    }

    private let condition = NSCondition()
    private var idle: [SerializedConnection]
    private var waiters: [Waiter] = []
    private var checkedOutCount = 0
    private var isClosed = false

    init(path: String, count: Int) throws {
        precondition(count > 0, "a database needs at least one reader")
        idle = try (0..<count).map { index in
            try SerializedConnection(path: path, readOnly: true, label: "storage.reader.\(index)")
        }
    }

    /// Callers waiting for a reader (for tests).
    var waitingCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return waiters.count
    }

    /// Takes an idle reader, or waits for one in arrival order; throws once the pool is closed.
    func checkOut() throws -> SerializedConnection {
        condition.lock()
        guard !isClosed else {
            condition.unlock()
            throw SQLiteError.databaseClosed
        }
        if let reader = idle.popLast() {
            checkedOutCount += 1
            condition.unlock()
            return reader
        }
        let waiter = Waiter()
        waiters.append(waiter)
        condition.unlock()
        waiter.handedOver.wait()
        // Handed a reader (still counted as checked out), or woken by `close` without one.
        guard let reader = waiter.reader else { throw SQLiteError.databaseClosed }
        return reader
    }

    /// Returns a reader taken with `checkOut`: to the longest waiter, else to the idle ones.
    func checkIn(_ reader: SerializedConnection) {
        condition.lock()
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            waiter.reader = reader
            condition.unlock()
            waiter.handedOver.signal()
            return
        }
        idle.append(reader)
        checkedOutCount -= 1
        if isClosed, checkedOutCount == 0 { condition.broadcast() }
        condition.unlock()
    }

    /// Refuses new reads, waits for running ones, then closes every reader on its queue.
    func close() {
        condition.lock()
        isClosed = true
        // Waiters get no reader: their reads fail with databaseClosed instead of waiting on.
        let stranded = waiters
        waiters.removeAll()
        stranded.forEach { $0.handedOver.signal() }
        while checkedOutCount > 0 {
            condition.wait()
        }
        let readers = idle
        idle.removeAll()
        condition.unlock()
        for reader in readers {
            reader.sync { $0.close() }
        }
    }
}
