/// The FIFO of work items waiting in `WorkerPool` and `BlockingThreadPool` (not thread-safe:
/// each pool guards its own with its lock).
///
/// An array read from a moving head, so taking an item costs no shifting. A taken slot lets go
/// of its closure at once, and the taken part is cut off once it is at least half of the array
/// (past 1,024 slots), so that under a load that never lets the queue empty, neither the array
/// nor what taken items captured (requests and their bodies) grows without bound.
/// `BlockingThreadPool` used to cut its array only when it emptied.
struct WorkQueue {
    private var items: [@Sendable () -> Void] = []
    private var head = 0
    private static let taken: @Sendable () -> Void = {}

    /// Slots the array holds, taken ones included (for tests).
    var storedCount: Int { items.count }

    mutating func append(_ work: @escaping @Sendable () -> Void) {
        items.append(work)
    }

    /// The oldest item, or nil when none waits.
    mutating func popFirst() -> (@Sendable () -> Void)? {
        guard head < items.count else { return nil }
        let work = items[head]
        items[head] = Self.taken
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 1024, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        return work
    }
}
