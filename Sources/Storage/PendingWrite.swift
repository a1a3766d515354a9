import Dispatch

/// One caller's closure waiting in the group-commit queue, and how it ended.
// Safe to share: `work` and `batchError` are written only on the writer queue before
// `done.signal()`, and read by the submitting thread only after `done.wait()`.
final class PendingWrite: @unchecked Sendable {
    /// Runs the caller's closure inside its own savepoint; returns its error, nil on success.
    /// Cleared before `done` is signalled, so the (non-escaping) caller closure is released.
    var work: ((Connection) -> Error?)?
    /// Set when the write could not be committed even though the closure itself succeeded
    /// (BEGIN or COMMIT failed, or SQLite rolled the whole transaction back).
    var batchError: Error?
    let done = DispatchSemaphore(value: 0)

    init(work: @escaping (Connection) -> Error?) {
        self.work = work
    }

    /// Runs the closure once, on the writer queue; returns its error.
    func run(on connection: Connection) -> Error? {
        guard let work else { return nil }
        self.work = nil
        return work(connection)
    }

    /// Answers the waiting caller.
    func complete(batchError: Error?) {
        work = nil
        self.batchError = batchError
        done.signal()
    }
}
