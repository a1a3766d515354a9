import Foundation

/// The one thread that delivers notices to applicants.
///
/// It runs `NotificationDelivery.runDue` when nudged (right after a request commits a notice),
/// when the earliest backoff runs out, and otherwise every `pollInterval` (which also picks up
/// notices queued by another process, such as `motcua notifications retry`). One worker per application, and one notice at a time
/// on it, so the same row is never sent twice at once by this process (run one server per
/// database). `stop()` lets the send in progress finish and record its outcome, and sends
/// nothing new.
// Safe to share: `isNudged`, `isIdle`, `isStopping`, `isStarted` are touched only while `condition` is locked;
// `delivery`, `pollInterval` and `finished` are immutable or thread-safe.
final class NotificationWorker: @unchecked Sendable {
    private let delivery: NotificationDelivery
    private let pollInterval: TimeInterval
    private let gatherInterval: TimeInterval
    private let condition = NSCondition()
    private var isNudged = false
    /// The thread sleeps in `waitForWork`: only then does a nudge need to wake it (during a
    /// pass or a gather pause the flag alone is seen afterwards, and a wake-up would be wasted
    /// on every request that queues a notice).
    private var isIdle = false
    private var isStopping = false
    private var isStarted = false
    private let finished = DispatchSemaphore(value: 0)

    init(delivery: NotificationDelivery, pollInterval: TimeInterval, gatherInterval: TimeInterval = 0) {
        self.delivery = delivery
        self.pollInterval = pollInterval
        self.gatherInterval = gatherInterval
    }

    /// Starts the thread (once; later calls, and a call after `stop`, do nothing).
    func start() {
        let shouldStart = locked { () -> Bool in
            guard !isStarted, !isStopping else { return false }
            isStarted = true
            return true
        }
        guard shouldStart else { return }
        let thread = Thread { [self] in run() }
        thread.name = "motcua.notifications"
        thread.start()
    }

    /// Asks for a pass now: cheap, callable from any thread, coalesced while a pass runs.
    func nudge() {
        locked {
            isNudged = true
            if isIdle { condition.signal() }
        }
    }

    /// Asks the thread to stop after the send in progress, if any.
    func stop() {
        locked {
            isStopping = true
            condition.signal()
        }
    }

    /// Stops, then waits until the thread has finished (at once if it never started).
    func stopAndWait() {
        stop()
        guard locked({ isStarted }) else { return }
        finished.wait()
        // Let a later call return at once too.
        finished.signal()
    }

    // MARK: - The thread

    private func run() {
        defer { finished.signal() }
        while !stopRequested {
            var deadline = Date().addingTimeInterval(pollInterval)
            do {
                let report = try delivery.runDue(shouldStop: { stopRequested })
                if report.attempted > 0, gatherInterval > 0 { pause(gatherInterval) }
                if let next = try delivery.store.nextAttemptAt() {
                    // At least a second when this pass sent nothing, so that a row the pass
                    // cannot see never turns the loop into a busy one.
                    let earliest = Date().addingTimeInterval(report.attempted == 0 ? 1 : 0)
                    deadline = min(deadline, max(next, earliest))
                }
            } catch {
                // The database failed (or is closing): say so and try again at the next poll.
                Console.say("motcua: gửi thông báo lỗi / notification delivery failed: \(error)")
            }
            waitForWork(until: deadline)
        }
    }

    private var stopRequested: Bool { locked { isStopping } }

    /// Waits `seconds` or until stopped, leaving a nudge for the next pass to see.
    private func pause(_ seconds: TimeInterval) {
        let until = Date().addingTimeInterval(seconds)
        locked {
            while !isStopping {
                if !condition.wait(until: until) { break }
            }
        }
    }

    /// Sleeps until nudged, stopped or `deadline`.
    private func waitForWork(until deadline: Date) {
        locked {
            isIdle = true
            while !isNudged && !isStopping {
                if !condition.wait(until: deadline) { break }
            }
            isIdle = false
            isNudged = false
        }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }
}
