import Foundation

/// Runs handlers on Dispatch's global threads, at most `limit` at once, in the order they were
/// submitted: each handler is one Dispatch work item; beyond `limit`, items wait in a FIFO
/// queue guarded by a lock, and each item that finishes sends the oldest waiting one to the
/// back of Dispatch's queue.
///
/// Handlers are synchronous and may block (SQLite, file I/O); running them here keeps them
/// off the connection queues and bounds how many run, however many requests arrive. Dispatch
/// rather than dedicated threads: a work item submitted from a connection queue usually runs
/// on the thread that just finished the read (measured: 22k → 32–36k req/s on a pooled route,
/// wrk -t2 -c64, 2 cores). libdispatch adds threads when handlers block, so connection queues
/// still run while `limit` handlers wait.
///
/// Dispatch runs about one thread per core at the default QoS while no handler blocks, so
/// most of the `limit` items wait in its queue for a thread. An earlier pool ran handlers in
/// loops that, after their first item, went on with the waiting ones: a loop still waiting for
/// a thread held its first request while the running loops served later ones. Measured then
/// (2 cores, 1,000 connections reading dossiers): batches of 62 requests (64 loops, 2 running)
/// answered after 1.3–5 s, once the waiting queue happened to run empty.
final class WorkerPool: @unchecked Sendable {
    // Safe: `pending` and `running` are only touched with `lock` held.
    private let lock = NSLock()
    private var pending = WorkQueue()
    private var running = 0
    private let limit: Int
    /// A private concurrent queue at the default QoS, below the I/O queues' (`ServerContext`,
    /// user-initiated). Handlers block (SQLite readers, file I/O). With the handlers at the
    /// I/O queues' QoS, or at user-initiated under I/O queues at user-interactive, `limit`
    /// blocked handlers took every thread Dispatch would start for them and the connections
    /// stopped being served until it added one, about a second later (`WorkerPoolTests`
    /// failed in 2 of 3 and 2 of 5 runs); at the default QoS it passed every time. Waiting for
    /// the group commit does not happen here (deferred routes hold no thread, `isBlocking`
    /// routes have their own threads).
    private let queue: DispatchQueue

    /// `queue`: where the items run (tests pass a serial queue to stand for a busy machine).
    init(limit: Int, queue: DispatchQueue = DispatchQueue(label: "motcua.workers", attributes: .concurrent)) {
        self.limit = max(1, limit)
        self.queue = queue
    }

    /// Runs `work` after the items submitted before it, with at most `limit` running or
    /// waiting in Dispatch's queue.
    func submit(_ work: @escaping @Sendable () -> Void) {
        lock.lock()
        guard running < limit else {
            pending.append(work)
            lock.unlock()
            return
        }
        running += 1
        lock.unlock()
        start(work)
    }

    private func start(_ work: @escaping @Sendable () -> Void) {
        queue.async { [self] in
            work()
            finished()
        }
    }

    /// Hands the slot of an item that finished to the oldest waiting one, or frees it.
    private func finished() {
        lock.lock()
        guard let next = pending.popFirst() else {
            running -= 1
            lock.unlock()
            return
        }
        lock.unlock()
        start(next)
    }
}
