import Foundation

/// Runs handlers on Dispatch's global threads, at most `limit` at once; the rest wait in a
/// FIFO queue guarded by a lock.
///
/// Handlers are synchronous and may block (SQLite, file I/O); running them here keeps them
/// off the connection queues and bounds how many run, however many requests arrive. Dispatch
/// rather than dedicated threads: a work item submitted from a connection queue usually runs
/// on the thread that just finished the read (measured: 22k → 32–36k req/s on a pooled route,
/// wrk -t2 -c64, 2 cores). libdispatch adds threads when handlers block, so connection queues
/// still run while `limit` handlers wait.
final class WorkerPool: @unchecked Sendable {
    // Safe: `pending`, `head` and `running` are only touched with `lock` held.
    private let lock = NSLock()
    private var pending: [@Sendable () -> Void] = []
    private var head = 0
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
    private let queue = DispatchQueue(label: "motcua.workers", attributes: .concurrent)

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Runs `work` now if fewer than `limit` items run, else after those queued before it.
    func submit(_ work: @escaping @Sendable () -> Void) {
        lock.lock()
        if running < limit {
            running += 1
            lock.unlock()
            queue.async { [self] in runLoop(startingWith: work) }
        } else {
            pending.append(work)
            lock.unlock()
        }
    }

    /// Runs `first`, then queued items, until the queue is empty; then frees its slot.
    private func runLoop(startingWith first: @escaping @Sendable () -> Void) {
        var work = first
        while true {
            work()
            lock.lock()
            if head == pending.count {
                pending.removeAll(keepingCapacity: true)
                head = 0
                running -= 1
                lock.unlock()
                return
            }
            work = pending[head]
            head += 1
            if head > 1024, head * 2 > pending.count {
                pending.removeFirst(head)
                head = 0
            }
            lock.unlock()
        }
    }
}
