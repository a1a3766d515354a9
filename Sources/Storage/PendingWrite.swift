/// One caller's closure waiting in the group-commit queue, and how it ended.
// Safe to share: `work` and `batchError` are written only on the writer queue before `answer`
// runs, and read by the caller only from `answer` (or after it, for a blocked caller).
final class PendingWrite: @unchecked Sendable {
    /// Runs the caller's closure inside its own savepoint; returns its error, nil on success.
    /// Cleared before the caller is answered, so the caller's closure is released.
    var work: ((Connection) -> Error?)?
    /// Set when the write could not be committed even though the closure itself succeeded
    /// (BEGIN or COMMIT failed, or SQLite rolled the whole transaction back).
    var batchError: Error?
    /// Tells the caller that the write is committed or failed; runs once, on the writer queue.
    private let answer: (PendingWrite) -> Void

    init(work: @escaping (Connection) -> Error?, answer: @escaping (PendingWrite) -> Void) {
        self.work = work
        self.answer = answer
    }

    /// Runs the closure once, on the writer queue; returns its error.
    func run(on connection: Connection) -> Error? {
        guard let work else { return nil }
        self.work = nil
        return work(connection)
    }

    /// Answers the caller.
    func complete(batchError: Error?) {
        work = nil
        self.batchError = batchError
        answer(self)
    }
}
