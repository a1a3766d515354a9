import Dispatch
import Foundation

/// The serial queue that owns one connection, and the check that code runs on it.
///
/// Each queue is tagged with a unique token through a `DispatchSpecificKey`; `check()`
/// traps when the current queue carries another token (or none), the way GRDB's
/// `SchedulingWatchdog` catches a connection used from the wrong thread.
struct QueueWatchdog: Sendable {
    private static let key = DispatchSpecificKey<UInt64>()
    private static let nextToken = Locked<UInt64>(0)

    /// The queue every use of the connection must run on.
    let queue: DispatchQueue
    private let token: UInt64

    init(label: String) {
        queue = DispatchQueue(label: label)
        token = Self.nextToken.withLock { value in
            value += 1
            return value
        }
        queue.setSpecific(key: Self.key, value: token)
    }

    /// Whether the caller is running on `queue`.
    var isCurrent: Bool { DispatchQueue.getSpecific(key: Self.key) == token }

    /// Traps unless the caller is running on `queue` (a programming error, never input).
    @inline(__always)
    func check(file: StaticString = #fileID, line: UInt = #line) {
        precondition(isCurrent, "SQLite connection used off its queue (\(queue.label))", file: file, line: line)
    }
}
