import Foundation

/// Dedicated threads for handlers that spend their time waiting rather than computing, such
/// as a durable write blocked until the group commit's fsync (`RouteOptions.isBlocking`).
///
/// Dispatch adds a thread to a pool whose threads are all blocked only about once or twice a
/// second (measured: 2 → 13 threads over the first 4 s of 64 concurrent POSTs), so for the
/// first seconds after a start the writes arrive at the group committer a few at a time and
/// each fsync carries one or two of them. Here up to `threadCount` handlers wait at once from
/// the first request: a thread is started whenever work is queued and none is idle, and
/// then kept until `stop()`.
final class BlockingThreadPool: @unchecked Sendable {
    // Safe: every mutable property is only touched with `condition` locked.
    private let condition = NSCondition()
    private var pending = WorkQueue()
    private var threads = 0
    private var idle = 0
    private var isStopped = false
    let threadCount: Int
    let name: String

    init(threadCount: Int, name: String = "motcua.blocking") {
        self.threadCount = max(1, threadCount)
        self.name = name
    }

    /// Threads started and not yet ended.
    var startedThreadCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return threads
    }

    /// Queues `work`; it runs on an idle thread, a new one, or the next to finish.
    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        pending.append(work)
        let startsThread = idle == 0 && threads < threadCount && !isStopped
        if startsThread { threads += 1 } else { condition.signal() }
        condition.unlock()
        if startsThread {
            let thread = Thread { [self] in runLoop() }
            thread.name = name
            thread.start()
        }
    }

    /// Lets each thread finish the work it runs, then end; queued work still runs first.
    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func runLoop() {
        condition.lock()
        while true {
            if let work = pending.popFirst() {
                condition.unlock()
                work()
                condition.lock()
            } else if isStopped {
                threads -= 1
                condition.unlock()
                return
            } else {
                idle += 1
                condition.wait()
                idle -= 1
            }
        }
    }
}
