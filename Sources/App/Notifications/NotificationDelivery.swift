import Foundation

/// One pass of delivery: reads the due notices, sends each through the transport and records
/// the outcome. Synchronous and clock-injected, so tests drive it step by step; the
/// `NotificationWorker` runs it on its thread.
///
/// Delivery is at-least-once: the send happens before its outcome is written, so a crash (or a
/// failed write) between the two leaves the notice pending and it is sent again later.
/// Receivers should use the notice `id` to drop repeats.
struct NotificationDelivery: Sendable {
    let store: NotificationStore
    let transport: any NotificationTransport
    let policy: NotificationRetryPolicy
    let batchSize: Int
    let now: @Sendable () -> Date

    init(store: NotificationStore, transport: any NotificationTransport, policy: NotificationRetryPolicy = .init(),
         batchSize: Int = 20, now: @escaping @Sendable () -> Date = { Date() }) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.store = store
        self.transport = transport
        self.policy = policy
        self.batchSize = batchSize
        self.now = now
    }

    /// What one pass did.
    struct Report: Sendable, Equatable {
        var delivered = 0
        var failedAttempts = 0
        var attempted: Int { delivered + failedAttempts }
    }

    /// Sends every notice due now, batch by batch, until none is due or `shouldStop` returns
    /// true (checked before each send, so a stop waits for at most the send in progress).
    /// Each batch's outcomes are recorded in one transaction: under load one commit serves many
    /// notices instead of one commit each.
    ///
    /// Throws when the database fails; what was recorded before stays recorded.
    func runDue(shouldStop: () -> Bool = { false }) throws -> Report {
        var report = Report()
        while !shouldStop() {
            let batch = try store.due(at: now(), limit: batchSize)
            let results = transport.send(batch, at: now(), shouldStop: shouldStop)
            var outcomes: [(id: Int, error: String?)] = []
            for (notice, result) in zip(batch, results) {
                switch result {
                case nil: continue
                case .success?: outcomes.append((notice.id, nil))
                case let .failure(error)?: outcomes.append((notice.id, Self.describe(error)))
                }
            }
            try store.record(outcomes, at: now(), policy: policy)
            report.delivered += outcomes.filter { $0.error == nil }.count
            report.failedAttempts += outcomes.filter { $0.error != nil }.count
            if outcomes.count < batch.count { return report }   // stopped part-way
            // A short batch was everything due; a full one may have more behind it. A notice
            // that failed with no backoff is due again at once, but its attempts are bounded.
            if batch.count < batchSize { break }
        }
        return report
    }

    /// Sends one notice and records the outcome; true when delivered.
    func deliver(_ notice: Notice) throws -> Bool {
        do {
            try transport.send(notice, at: now())
        } catch {
            _ = try store.markFailed(id: notice.id, error: Self.describe(error), at: now(), policy: policy)
            return false
        }
        try store.markDelivered(id: notice.id, at: now())
        return true
    }

    /// The text kept in `last_error`.
    static func describe(_ error: any Error) -> String {
        if let error = error as? NotificationTransportError { return error.description }
        return String(describing: error)
    }
}
