import Foundation

/// Group commit: concurrent writers share one `BEGIN IMMEDIATE … COMMIT`, so one fsync
/// (synchronous=FULL) makes a whole batch durable.
///
/// Callers either block until their write is committed (`submit(_:)`) or are called back
/// after the commit (`submit(_:completion:)`), holding no thread meanwhile. Whenever the writer
/// queue is free it takes everything pending (up to `maxBatchSize`) and runs each closure in
/// its own SAVEPOINT: a closure that throws is rolled back to its savepoint and only its
/// caller gets the error, while its batch-mates still commit. Every caller is answered only
/// after the COMMIT that holds its write succeeded. One batch runs per queue turn, so
/// `Database.writeInOwnTransaction` blocks queued with `sync` get their turn in between.
// Safe to share: `pending`, `isDraining`, `isClosed` and `batchCount` are only used while holding
// `lock`; the connection is only used on the writer queue.
final class GroupCommitWriter: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [PendingWrite] = []
    private var isDraining = false
    private var isClosed = false
    private var batchCount = 0
    let writer: SerializedConnection
    let maxBatchSize: Int

    init(writer: SerializedConnection, maxBatchSize: Int = 256) {
        precondition(maxBatchSize > 0, "a batch holds at least one write")
        self.writer = writer
        self.maxBatchSize = maxBatchSize
    }

    /// Number of batches taken from the queue so far (for tests and statistics).
    var committedBatchCount: Int { lock.withLock { batchCount } }
    /// Number of writes waiting for the writer (for tests).
    var pendingCount: Int { lock.withLock { pending.count } }

    /// Runs `body` in the next batch and returns its result once that batch has committed.
    func submit<T>(_ body: (Connection) throws -> T) throws -> T {
        // Waiting on the writer queue from the writer queue would never return.
        dispatchPrecondition(condition: .notOnQueue(writer.queue))
        return try withoutActuallyEscaping(body) { body in
            let outcome = WriteOutcome<T>()
            let done = DispatchSemaphore(value: 0)
            let item = PendingWrite(work: outcome.capture(body), answer: { _ in done.signal() })
            do {
                try enqueue(item)
            } catch {
                // Never queued: drop the closure now, as withoutActuallyEscaping requires.
                item.work = nil
                throw error
            }
            done.wait()
            return try outcome.result(batchError: item.batchError).get()
        }
    }

    /// Runs `body` in the next batch and, once that batch has committed (or failed), calls
    /// `completion` with its result on the writer queue, where it must not block or write:
    /// the caller waits without holding a thread. A closed writer answers at once, on the
    /// calling thread.
    func submit<T>(_ body: @escaping (Connection) throws -> T,
                   completion: @escaping (Result<T, Error>) -> Void) {
        let outcome = WriteOutcome<T>()
        let item = PendingWrite(work: outcome.capture(body), answer: { item in
            completion(outcome.result(batchError: item.batchError))
        })
        do {
            try enqueue(item)
        } catch {
            completion(.failure(error))
        }
    }

    /// Refuses new writes, then waits until every accepted one has been answered.
    func close() {
        lock.withLock { isClosed = true }
        while true {
            writer.queue.sync {}
            let isIdle = lock.withLock { pending.isEmpty && !isDraining }
            if isIdle { return }
        }
    }

    private func enqueue(_ item: PendingWrite) throws {
        let startsDrain = try lock.withLock { () throws -> Bool in
            guard !isClosed else { throw SQLiteError.databaseClosed }
            pending.append(item)
            guard !isDraining else { return false }
            isDraining = true
            return true
        }
        if startsDrain {
            writer.queue.async { self.drainOneBatch() }
        }
    }

    /// Takes up to `maxBatchSize` pending writes, commits them, and re-schedules itself
    /// while more are waiting.
    private func drainOneBatch() {
        let batch = lock.withLock {
            let batch = Array(pending.prefix(maxBatchSize))
            pending.removeFirst(batch.count)
            // Counted before any caller is answered, so a caller that returned sees its batch.
            if !batch.isEmpty { batchCount += 1 }
            return batch
        }
        if !batch.isEmpty {
            writer.onQueue { run(batch, on: $0) }
        }
        let hasMore = lock.withLock {
            isDraining = !pending.isEmpty
            return isDraining
        }
        if hasMore {
            writer.queue.async { self.drainOneBatch() }
        }
    }
}

extension GroupCommitWriter {
    /// Runs `batch` in one transaction (more than one only if SQLite aborts a transaction).
    private func run(_ batch: [PendingWrite], on connection: Connection) {
        var remaining = batch[...]
        while !remaining.isEmpty {
            do {
                try connection.beginFresh("BEGIN IMMEDIATE")
            } catch {
                remaining.forEach { $0.complete(batchError: error) }
                return
            }
            var succeeded: [PendingWrite] = []
            var failed: [PendingWrite] = []
            var abortError: Error?
            while let item = remaining.popFirst() {
                if let error = item.run(on: connection) {
                    failed.append(item)
                    // Errors such as SQLITE_FULL or SQLITE_IOERR roll back the whole transaction
                    // (https://www.sqlite.org/lang_transaction.html); earlier writes are lost
                    // and the rest of the batch starts a new transaction.
                    if !connection.isInTransaction {
                        abortError = error
                        break
                    }
                } else {
                    succeeded.append(item)
                }
            }
            failed.forEach { $0.complete(batchError: nil) }
            if let abortError {
                succeeded.forEach { $0.complete(batchError: abortError) }
                continue
            }
            do {
                try connection.run("COMMIT")
                succeeded.forEach { $0.complete(batchError: nil) }
            } catch {
                connection.rollBackTransaction()
                succeeded.forEach { $0.complete(batchError: error) }
            }
        }
    }
}

/// What one caller's closure returned or threw, kept until its batch has committed.
// Safe to share: `value` is written on the writer queue inside the batch and read only when
// the caller is answered, after that batch ended.
private final class WriteOutcome<T>: @unchecked Sendable {
    private var value: Result<T, Error>?

    /// The closure a `PendingWrite` runs: `body` inside its own savepoint, keeping its result.
    func capture(_ body: @escaping (Connection) throws -> T) -> (Connection) -> Error? {
        { connection in
            do {
                self.value = .success(try connection.savepoint { try body(connection) })
                return nil
            } catch {
                self.value = .failure(error)
                return error
            }
        }
    }

    /// The caller's answer: its own error first, then the batch's, else its value.
    func result(batchError: Error?) -> Result<T, Error> {
        switch value {
        case .failure(let error)?:
            return .failure(error)
        case .success(let value)?:
            if let batchError { return .failure(batchError) }
            return .success(value)
        case nil:
            // The closure never ran: the batch could not begin.
            return .failure(batchError ?? SQLiteError.databaseClosed)
        }
    }
}
