import Dispatch

/// A connection paired with the serial queue that owns it (GRDB's `SerializedDatabase`).
// Safe to share: `connection` is only touched inside `sync` blocks on `watchdog.queue`, which
// `Connection` itself enforces on every call.
final class SerializedConnection: @unchecked Sendable {
    private let connection: Connection
    let watchdog: QueueWatchdog

    /// Opens a connection on a new serial queue named `label`.
    init(path: String, readOnly: Bool, label: String) throws {
        let watchdog = QueueWatchdog(label: label)
        self.watchdog = watchdog
        self.connection = try watchdog.queue.sync {
            try Connection(path: path, readOnly: readOnly, watchdog: watchdog)
        }
    }

    var queue: DispatchQueue { watchdog.queue }

    /// Runs `body` with the connection on its queue and waits for the result.
    func sync<T>(_ body: (Connection) throws -> T) rethrows -> T {
        dispatchPrecondition(condition: .notOnQueue(watchdog.queue))
        return try watchdog.queue.sync { try body(connection) }
    }

    /// Runs `body` with the connection; the caller must already be on the queue.
    func onQueue<T>(_ body: (Connection) throws -> T) rethrows -> T {
        watchdog.check()
        return try body(connection)
    }
}
