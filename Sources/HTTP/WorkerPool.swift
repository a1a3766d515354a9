import Foundation

/// A fixed set of threads running work items from one FIFO queue (lock + condition).
///
/// Handlers are synchronous and may block (SQLite, file I/O); running them here keeps them off
/// the connection queues and bounds the threads, however many requests arrive.
final class WorkerPool: @unchecked Sendable {
    // Safe: `items`, `head` and `isStopped` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var items: [@Sendable () -> Void] = []
    private var head = 0
    private var isStopped = false

    init(threadCount: Int, name: String = "motcua.worker") {
        for index in 0..<max(1, threadCount) {
            let thread = Thread { [self] in self.runLoop() }
            thread.name = "\(name).\(index)"
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    /// Queues `work` for the next free thread.
    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        items.append(work)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish queued work and exit.
    func stop() {
        condition.lock()
        isStopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func runLoop() {
        while true {
            condition.lock()
            while head == items.count, !isStopped { condition.wait() }
            if head == items.count {
                condition.unlock()
                return
            }
            let work = items[head]
            head += 1
            if head == items.count {
                items.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 1024, head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            condition.unlock()
            work()
        }
    }
}
