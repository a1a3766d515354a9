import Domain
import Foundation
import Storage

/// The `notifications` outbox (migration 0003) as the delivery worker and the operator's
/// commands see it: due notices, outcomes of attempts, listing and putting back.
///
/// Times are stored as `VietnamTime.format` text (one fixed offset, whole seconds), so text
/// order is time order and `next_attempt_at <= ?` uses the partial index `notifications_pending`.
struct NotificationStore: Sendable {
    let database: Database

    /// One row for `motcua notifications list`.
    struct Listing: Sendable, Equatable {
        var id: Int
        var dossierCode: String
        var channel: String
        var recipient: String
        var status: String
        var attempts: Int
        var nextAttemptAt: String
        var lastError: String?
        var deliveredAt: String?
    }

    /// What became of one failed attempt.
    enum FailureOutcome: Sendable, Equatable {
        /// Pending again, to be tried at that time.
        case retryAt(String)
        /// Given up after the maximum number of attempts.
        case failed
        /// The row was no longer pending (an operator changed it meanwhile): nothing recorded.
        case notPending
    }

    /// Why `retry` did nothing.
    enum RetryError: Error, Equatable {
        case notFound(id: Int)
        case notFailed(id: Int, status: String)
    }

    // MARK: - Delivery

    /// Pending notices due at `now`, oldest due first.
    func due(at now: Date, limit: Int) throws -> [Notice] {
        try database.read { connection in
            try connection.query("""
                SELECT n.id, d.code, n.channel, n.recipient, n.body, n.created_at, n.attempts
                FROM notifications n JOIN dossiers d ON d.id = n.dossier_id
                WHERE n.status = 'pending' AND n.next_attempt_at <= ?
                ORDER BY n.next_attempt_at, n.id LIMIT ?
                """, [SQLiteValue(VietnamTime.format(now)), SQLiteValue(limit)]).map { row in
                Notice(id: try row.int("id"), dossierCode: try row.string("code"), channel: try row.string("channel"),
                       recipient: try row.string("recipient"), body: try row.string("body"),
                       createdAt: try row.string("created_at"), attempts: try row.int("attempts"))
            }
        }
    }

    /// When the earliest pending notice is due (perhaps already), or nil when none is pending.
    func nextAttemptAt() throws -> Date? {
        try database.read { connection in
            try connection.queryOne("SELECT min(next_attempt_at) AS next FROM notifications WHERE status = 'pending'")?
                .optionalString("next").flatMap(VietnamTime.parse)
        }
    }

    /// Records a successful hand-over. Returns false when the row was no longer pending.
    @discardableResult
    func markDelivered(id: Int, at now: Date) throws -> Bool {
        try database.write { try Self.markDelivered(id: id, at: VietnamTime.format(now), on: $0) }
    }

    /// Records a failed attempt: one more attempt, the error, and either the next try pushed
    /// back by `policy` or `failed` once the attempts are used up.
    func markFailed(id: Int, error: String, at now: Date, policy: NotificationRetryPolicy) throws -> FailureOutcome {
        try database.write { try Self.markFailed(id: id, error: error, at: now, policy: policy, on: $0) }
    }

    /// Records the outcomes of a batch (`error` nil: delivered) in one transaction.
    func record(_ outcomes: [(id: Int, error: String?)], at now: Date, policy: NotificationRetryPolicy) throws {
        guard !outcomes.isEmpty else { return }
        let nowText = VietnamTime.format(now)
        try database.write { connection in
            for outcome in outcomes {
                if let error = outcome.error {
                    _ = try Self.markFailed(id: outcome.id, error: error, at: now, policy: policy, on: connection)
                } else {
                    _ = try Self.markDelivered(id: outcome.id, at: nowText, on: connection)
                }
            }
        }
    }

    private static func markDelivered(id: Int, at now: String, on connection: Connection) throws -> Bool {
        try connection.run("""
            UPDATE notifications SET status = 'delivered', attempts = attempts + 1, delivered_at = ?, last_error = NULL
            WHERE id = ? AND status = 'pending'
            """, [SQLiteValue(now), SQLiteValue(id)])
        return connection.changes == 1
    }

    private static func markFailed(id: Int, error: String, at now: Date, policy: NotificationRetryPolicy,
                                   on connection: Connection) throws -> FailureOutcome {
        guard let row = try connection.queryOne("SELECT attempts FROM notifications WHERE id = ? AND status = 'pending'",
                                                [SQLiteValue(id)]) else {
            return .notPending
        }
        let attempts = try row.int("attempts") + 1
        if policy.isExhausted(afterAttempts: attempts) {
            try connection.run("UPDATE notifications SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
                               [SQLiteValue(attempts), SQLiteValue(error), SQLiteValue(id)])
            return .failed
        }
        let next = VietnamTime.format(now.addingTimeInterval(policy.delay(afterAttempts: attempts)))
        try connection.run("""
            UPDATE notifications SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?
            """, [SQLiteValue(attempts), SQLiteValue(error), SQLiteValue(next), SQLiteValue(id)])
        return .retryAt(next)
    }

    // MARK: - Operators

    /// Every notice, or those with `status`, newest first.
    func list(status: String?) throws -> [Listing] {
        try database.read { connection in
            try connection.query("""
                SELECT n.id, d.code, n.channel, n.recipient, n.status, n.attempts, n.next_attempt_at, n.last_error,
                    n.delivered_at
                FROM notifications n JOIN dossiers d ON d.id = n.dossier_id
                WHERE ?1 IS NULL OR n.status = ?1
                ORDER BY n.id DESC
                """, [SQLiteValue(status)]).map { row in
                Listing(id: try row.int("id"), dossierCode: try row.string("code"), channel: try row.string("channel"),
                        recipient: try row.string("recipient"), status: try row.string("status"),
                        attempts: try row.int("attempts"), nextAttemptAt: try row.string("next_attempt_at"),
                        lastError: try row.optionalString("last_error"), deliveredAt: try row.optionalString("delivered_at"))
            }
        }
    }

    /// Puts a `failed` notice back to `pending`, due now, with a fresh count of attempts (the
    /// last error stays for the record until the next attempt replaces it).
    func retry(id: Int, at now: Date) throws {
        try database.write { connection in
            guard let row = try connection.queryOne("SELECT status FROM notifications WHERE id = ?", [SQLiteValue(id)]) else {
                throw RetryError.notFound(id: id)
            }
            let status = try row.string("status")
            guard status == "failed" else { throw RetryError.notFailed(id: id, status: status) }
            try connection.run("""
                UPDATE notifications SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?
                """, [SQLiteValue(VietnamTime.format(now)), SQLiteValue(id)])
        }
    }
}
