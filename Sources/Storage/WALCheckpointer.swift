import CSQLite
import Dispatch

/// Checkpoints the WAL on a connection and queue of its own, so that a commit does not wait
/// for one.
///
/// SQLite's automatic checkpoint runs inside every COMMIT that leaves 1,000 frames or more in
/// the WAL (https://www.sqlite.org/wal.html, "Automatic Checkpoint"): before that COMMIT
/// returns, the writer copies the frames into the database file and, once it has copied them
/// all, fsyncs it. Every caller in that group-commit batch, and every write queued behind it,
/// waits for up to 1,000 page writes scattered over the file. On a disk serving a few thousand
/// writes a second that is a good part of a second. The same page says an application can
/// instead turn the automatic checkpoints off and run them in a separate thread, so that the
/// thread doing the updates never blocks on a sync ("Checkpointing", "Application-Initiated
/// Checkpoints"). That is done here.
///
/// The writer's WAL hook (https://www.sqlite.org/c3ref/wal_hook.html, which replaces the
/// automatic checkpoint) reports the WAL's length after each commit. From `threshold` frames
/// on, it wakes this checkpointer, which runs a PASSIVE checkpoint: that copies what no reader
/// still needs and never blocks the writer or the readers (it fsyncs the database file when it
/// has copied every frame). Once every frame is copied and no reader still reads an older
/// snapshot from the WAL, the writer's next transaction starts the WAL over from its beginning,
/// as before. A reader that holds an old snapshot keeps the WAL growing, as it does with the
/// automatic checkpoint.
///
/// Under a write load that never pauses, the writer always has frames the checkpointer has not
/// yet copied, so the WAL would never start over. At `limit` frames the writer therefore
/// copies the rest itself, inside its commit as SQLite's automatic checkpoint does, once no
/// checkpoint is running (only one can run at a time). Most frames are copied by then, so the
/// writer's part is the rest and one fsync of the database file, once per `limit` frames
/// instead of on every commit past 1,000. (The background checkpoints fsync the file too, but
/// no commit waits for them.)
///
/// Durability is unchanged: a commit is durable once its WAL frames are synced
/// (synchronous=FULL on every connection), and a checkpoint syncs the database file before
/// SQLite lets the WAL be reused.
final class WALCheckpointer: @unchecked Sendable {
    // Safe: `connection` is used only through its serial queue; `state` is locked.

    /// WAL frames after a commit from which a checkpoint starts (SQLite's automatic default).
    let threshold: Int
    /// WAL frames after a commit from which the writer finishes the checkpoint itself.
    var limit: Int { Self.limitFactor * threshold }
    private let connection: SerializedConnection
    private let state = Locked(State())

    private struct State {
        var isRunning = false
        var isPaused = false
        var isClosed = false
        var checkpointCount = 0
        var writerCheckpointCount = 0
        var lastWALFrames = 0
    }

    /// `limit` over `threshold`. Each time the WAL reaches its limit the writer holds
    /// the next batch for one fsync of the database file, so the limit sets how often that
    /// happens under a write load that never pauses: at 16 (64 MiB of WAL with 4 KiB pages),
    /// the 10,000 frames a second of 8,000 durable intakes a second reach it every 1.6 s when
    /// the disk is slow. On a disk that keeps up, the checkpointer empties the WAL long before
    /// (BENCHMARKS.md, 2026-12-07).
    static let limitFactor = 16

    init(path: String, threshold: Int = 1_000) throws {
        precondition(threshold > 0)
        self.threshold = threshold
        connection = try SerializedConnection(path: path, readOnly: false, label: "storage.checkpointer")
    }

    /// Checkpoints run by this checkpointer's own connection so far (SQLITE_OK; some copy only
    /// part of the WAL, when readers or new commits are ahead of them).
    var checkpointCount: Int { state.withLock { $0.checkpointCount } }
    /// Checkpoints the writer ran itself because the WAL reached `limit`.
    var writerCheckpointCount: Int { state.withLock { $0.writerCheckpointCount } }
    /// The WAL's length in frames after the last commit.
    var lastWALFrames: Int { state.withLock { $0.lastWALFrames } }

    /// While paused (tests), the WAL only grows until `limit`.
    var isPaused: Bool {
        get { state.withLock { $0.isPaused } }
        set { state.withLock { $0.isPaused = newValue } }
    }

    /// Installs the WAL hook on `writer`, which turns its automatic checkpoints off. Call on
    /// the writer's queue. The writer keeps this checkpointer alive for as long as its handle
    /// can call the hook.
    func attach(to writer: Connection) {
        writer.walHookOwner = self
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = sqlite3_wal_hook(writer.handle, { context, handle, _, frames in
            guard let context, let handle else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            checkpointer.writerCommitted(walFrames: Int(frames), handle: handle)
            return SQLITE_OK
        }, context)
    }

    /// Returns once the background checkpoint in progress or queued, if any, has ended. Call on
    /// the writer's queue, so that no commit starts another one meanwhile.
    func waitUntilIdle() {
        connection.queue.sync {}
    }

    /// Stops starting checkpoints and waits for one in progress; then closes the connection.
    func close() {
        state.withLock { $0.isClosed = true }
        connection.sync { $0.close() }
    }

    /// What a commit's hook does next.
    private enum Step {
        case nothing
        /// The WAL reached `limit` and no checkpoint runs: the writer copies the rest itself.
        case checkpointOnWriter
        case startInBackground
    }

    /// From the hook, on the writer's queue, after a commit left `walFrames` frames in the WAL.
    /// One lock per commit decides; at `limit` the writer waits for no running checkpoint (SQLite
    /// runs one at a time): the first commit after it ends comes back here, with only the frames
    /// written meanwhile left to copy.
    private func writerCommitted(walFrames: Int, handle: OpaquePointer) {
        let step = state.withLock { state -> Step in
            state.lastWALFrames = walFrames
            guard walFrames >= threshold, !state.isRunning else { return .nothing }
            if walFrames >= limit {
                state.isRunning = true
                return .checkpointOnWriter
            }
            guard !state.isPaused, !state.isClosed else { return .nothing }
            state.isRunning = true
            return .startInBackground
        }
        switch step {
        case .nothing:
            break
        case .checkpointOnWriter:
            let result = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            finished(succeeded: result == SQLITE_OK, onWriter: true)
        case .startInBackground:
            connection.queue.async { [self] in
                connection.onQueue { connection in
                    // A failure (SQLITE_BUSY while another process checkpoints the same file)
                    // loses nothing: the frames stay in the WAL for the next checkpoint.
                    let succeeded = (try? connection.checkpoint(mode: SQLITE_CHECKPOINT_PASSIVE)) != nil
                    finished(succeeded: succeeded, onWriter: false)
                }
            }
        }
    }

    private func finished(succeeded: Bool, onWriter: Bool) {
        state.withLock { state in
            state.isRunning = false
            guard succeeded else { return }
            if onWriter { state.writerCheckpointCount += 1 } else { state.checkpointCount += 1 }
        }
    }
}
