import Foundation

/// A SQLite database file in WAL mode: one writer connection and a pool of read-only ones,
/// each on its own serial queue.
///
/// `read` and `write` are the only ways in, and a connection never escapes their closures.
/// Writes from concurrent callers are group-committed (see `GroupCommitWriter`).
public final class Database: Sendable {
    /// The database file path.
    public let path: String
    private let writer: SerializedConnection
    let writes: GroupCommitWriter
    let readers: ReaderPool
    /// Checkpoints the WAL off the writer (see `WALCheckpointer`).
    let checkpointer: WALCheckpointer
    private let isClosed = Locked(false)

    /// Opens (creating if needed) the file at `path` with one writer and `readerCount` readers.
    /// `checkpointFrames`: WAL frames from which a checkpoint starts on the checkpointer's own
    /// connection; at `WALCheckpointer.limitFactor` times as many the writer finishes one itself.
    /// `randomAccess`: read the file without the kernel's readahead (`RandomAccessAdvice`).
    public init(path: String, readerCount: Int = max(2, ProcessInfo.processInfo.activeProcessorCount),
                checkpointFrames: Int = 1_000, randomAccess: Bool = true) throws {
        self.path = path
        // The writer goes first: it creates the file and switches it to WAL for the readers.
        writer = try SerializedConnection(path: path, readOnly: false, label: "storage.writer")
        writes = GroupCommitWriter(writer: writer)
        readers = try ReaderPool(path: path, count: readerCount)
        checkpointer = try WALCheckpointer(path: path, threshold: checkpointFrames)
        writer.sync { [checkpointer] in checkpointer.attach(to: $0) }
        if randomAccess { RandomAccessAdvice.apply(toFileAt: path) }
    }

    /// Runs `body` on a reader in one read transaction, so it sees one consistent snapshot.
    ///
    /// WAL readers never wait for the writer; concurrent reads use different connections.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let reader = try readers.checkOut()
        defer { readers.checkIn(reader) }
        return try reader.sync { connection in
            try connection.beginFresh("BEGIN DEFERRED")
            do {
                let value = try body(connection)
                try connection.run("COMMIT")
                return value
            } catch {
                connection.rollBackTransaction()
                throw error
            }
        }
    }

    /// Runs `body` in the next group-commit batch and returns its result once committed.
    ///
    /// The closure runs inside its own SAVEPOINT within a shared `BEGIN IMMEDIATE … COMMIT`.
    /// If it throws, only its own changes are undone and only this caller gets the error.
    /// Do not call from inside another `write` (that would wait for itself).
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        try writes.submit(body)
    }

    /// Like `write`, but returns at once: `completion` gets the result after the commit that
    /// holds the write (or the error), on the writer's queue, so it must only hand the result
    /// on (for example to a connection's queue), never block or write. The caller holds no
    /// thread while it waits, so many writes can wait at once at the cost of none.
    public func write<T>(_ body: @escaping (Connection) throws -> T,
                         completion: @escaping (Result<T, Error>) -> Void) {
        writes.submit(body, completion: completion)
    }

    /// Runs `body` alone in one `BEGIN IMMEDIATE … COMMIT` on the writer, outside any batch
    /// (migrations, bulk loads). Rolled back entirely if it throws.
    public func writeInOwnTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try checkOpen()
        return try writer.sync { connection in
            try connection.immediateTransaction { try body(connection) }
        }
    }

    /// WAL checkpoints so far: run on the checkpointer's own connection, and run by the writer
    /// because the WAL reached its limit (see `WALCheckpointer`).
    public var checkpointCounts: (background: Int, writer: Int) {
        (checkpointer.checkpointCount, checkpointer.writerCheckpointCount)
    }

    /// Copies the WAL back into the database file and truncates it
    /// (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html, SQLITE_CHECKPOINT_TRUNCATE).
    public func checkpoint() throws {
        try checkOpen()
        try writer.sync { connection in
            // SQLite does not wait for the checkpoint lock (SQLITE_BUSY at once), so wait for a
            // background checkpoint here; none starts meanwhile, since only commits start them.
            checkpointer.waitUntilIdle()
            try connection.checkpoint()
        }
    }

    /// Finishes pending writes, closes the readers, checkpoints, and closes the writer.
    ///
    /// Later calls to `read` and `write` throw. Calling `close` again does nothing.
    public func close() {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        writes.close()
        readers.close()
        checkpointer.close()
        writer.sync { connection in
            // A failed checkpoint loses nothing: the WAL stays and is replayed at next open.
            try? connection.checkpoint()
            connection.close()
        }
    }

    private func checkOpen() throws {
        if isClosed.withLock({ $0 }) { throw SQLiteError.databaseClosed }
    }
}
