import Foundation

/// The read-only connections of a `Database`, checked out one per `read` call.
///
/// Concurrent reads use different connections; when all are out, `checkOut` waits.
// Safe to share: `idle`, `checkedOutCount` and `isClosed` are only used while holding `condition`'s
// lock; each connection is used only on its own queue.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [SerializedConnection]
    private var checkedOutCount = 0
    private var isClosed = false

    init(path: String, count: Int) throws {
        precondition(count > 0, "a database needs at least one reader")
        idle = try (0..<count).map { index in
            try SerializedConnection(path: path, readOnly: true, label: "storage.reader.\(index)")
        }
    }

    /// Waits for an idle reader and takes it; throws once the pool is closed.
    func checkOut() throws -> SerializedConnection {
        condition.lock()
        defer { condition.unlock() }
        while idle.isEmpty && !isClosed {
            condition.wait()
        }
        guard !isClosed, let reader = idle.popLast() else { throw SQLiteError.databaseClosed }
        checkedOutCount += 1
        return reader
    }

    /// Returns a reader taken with `checkOut`.
    func checkIn(_ reader: SerializedConnection) {
        condition.lock()
        idle.append(reader)
        checkedOutCount -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Refuses new reads, waits for running ones, then closes every reader on its queue.
    func close() {
        condition.lock()
        isClosed = true
        condition.broadcast()
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
