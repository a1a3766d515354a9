import Dispatch
import Domain
import Foundation
import HTTP
import Storage

/// Deletes the rows no request can use any more, so that the tables written on every sign-in
/// and every keyed request do not grow for ever: sessions past their expiry, and idempotency
/// keys (migrations 0008 and 0009) older than `IdempotencyKey.lifetime`, which a request
/// already treats as unused. Also packs the events of dossiers written before migration 0010
/// into their rows (`DossierHistory`), so that reading them reads one row.
///
/// Each table is emptied in batches of `batchSize` rows, and histories are packed
/// `historyBatchSize` dossiers at a time, one group-committed write each, so a first pass over
/// years of rows never holds the writer for long.
struct Housekeeping: Sendable {
    let database: Database
    static let batchSize = 5_000
    /// Each packed dossier reads its events, so fewer per write than rows deleted.
    static let historyBatchSize = 500
    static let documentListBatchSize = 100
    /// Keys are kept this much past their lifetime: a key's `created_at` has whole seconds,
    /// and a row at the edge is left to the next pass rather than compared to the second.
    static let keyMargin: TimeInterval = 60

    struct Report: Equatable {
        var sessions = 0
        var intakeKeys = 0
        var uploadKeys = 0
        var packedHistories = 0
        var packedDocumentLists = 0

        var total: Int { sessions + intakeKeys + uploadKeys + packedHistories + packedDocumentLists }
    }

    /// One pass at `now`. `shouldStop` is asked between batches (shutdown).
    func run(now: Date, shouldStop: () -> Bool = { false }) throws -> Report {
        var report = Report()
        let nowText = VietnamTime.format(now)
        report.sessions = try deleteAll(shouldStop: shouldStop, """
            DELETE FROM sessions WHERE token_hash IN
                (SELECT token_hash FROM sessions WHERE expires_at <= ? LIMIT ?)
            """, nowText)
        let keyCutoff = VietnamTime.format(now.addingTimeInterval(-IdempotencyKey.lifetime - Self.keyMargin))
        for (table, count) in [("intake_keys", \Report.intakeKeys), ("upload_keys", \Report.uploadKeys)] {
            report[keyPath: count] = try deleteAll(shouldStop: shouldStop, """
                DELETE FROM \(table) WHERE (user_id, key) IN
                    (SELECT user_id, key FROM \(table) WHERE created_at <= ? LIMIT ?)
                """, keyCutoff)
        }
        report.packedHistories = try packHistories(shouldStop: shouldStop)
        report.packedDocumentLists = try packDocumentLists(shouldStop: shouldStop)
        return report
    }

    /// Packs the document lists of dossiers with documents and no list (written before
    /// migration 0012, found through its partial index), `documentListBatchSize` a write, in
    /// id order; returns how many it packed. Documents change only inside writes, and this
    /// packs from `documents` inside its own write, so the list is exact; the batch is small
    /// because those reads are the writer's.
    private func packDocumentLists(shouldStop: () -> Bool) throws -> Int {
        var packed = 0
        var after = 0
        while !shouldStop() {
            let (count, last) = try database.write { connection -> (Int, Int?) in
                let ids = try connection.query("""
                    SELECT id FROM dossiers WHERE document_list IS NULL AND document_count > 0 AND id > ?
                    ORDER BY id LIMIT ?
                    """, [SQLiteValue(after), SQLiteValue(Self.documentListBatchSize)]).map { try $0.int("id") }
                for id in ids { try DocumentStore.storeList(dossierID: id, on: connection) }
                return (ids.count, ids.last)
            }
            guard let last else { break }
            packed += count
            after = last
        }
        return packed
    }

    /// Packs the events of every dossier whose `history` is NULL (found through migration
    /// 0011's partial index), in id order; returns how many it packed. A batch's events are
    /// read on a reader, so the writer only writes: a dossier is packed only if it is still
    /// NULL and its last event is still the one read (an action in between packs it itself,
    /// or appends an event the batch did not see). A dossier whose events cannot be packed
    /// (`DossierHistory.encode` is nil) keeps NULL, is read from `dossier_events` as before and
    /// is passed over until the next pass.
    private func packHistories(shouldStop: () -> Bool) throws -> Int {
        var packed = 0
        var after = 0
        while !shouldStop() {
            let batch = try database.read { connection -> [(id: Int, events: [Dossier.Event])] in
                try connection.query("""
                    SELECT id FROM dossiers WHERE history IS NULL AND id > ? ORDER BY id LIMIT ?
                    """, [SQLiteValue(after), SQLiteValue(Self.historyBatchSize)]).map { row in
                    let id = try row.int("id")
                    return (id, try DossierStore.events(dossierID: id, packed: nil, on: connection))
                }
            }
            guard let last = batch.last?.id else { break }
            packed += try database.write { connection -> Int in
                var count = 0
                for (id, events) in batch {
                    guard let history = DossierHistory.encode(events) else { continue }
                    try connection.run("""
                        UPDATE dossiers SET history = ? WHERE id = ? AND history IS NULL
                            AND (SELECT MAX(seq) FROM dossier_events WHERE dossier_id = ?) IS ?
                        """, [.blob(history), SQLiteValue(id), SQLiteValue(id), SQLiteValue(events.last?.seq)])
                    count += connection.changes
                }
                return count
            }
            after = last
        }
        return packed
    }

    /// Runs `sql` (bound to `cutoff` and the batch size) until a batch deletes fewer rows than
    /// it may; returns the rows deleted.
    private func deleteAll(shouldStop: () -> Bool, _ sql: String, _ cutoff: String) throws -> Int {
        var deleted = 0
        while !shouldStop() {
            let batch = try database.write { connection -> Int in
                try connection.run(sql, [SQLiteValue(cutoff), SQLiteValue(Self.batchSize)])
                return connection.changes
            }
            deleted += batch
            if batch < Self.batchSize { break }
        }
        return deleted
    }
}

/// Runs `Housekeeping` on a queue of its own: first `initialDelay` after `start`, then every
/// `interval`. A pass that removed something says so on stderr; a failed pass is reported
/// there and tried again at the next interval.
final class HousekeepingSchedule: Sendable {
    private let housekeeping: Housekeeping
    private let interval: TimeInterval
    private let initialDelay: TimeInterval
    private let queue = DispatchQueue(label: "motcua.housekeeping", qos: .utility)
    private let timer: Locked<(any DispatchSourceTimer)?> = Locked(nil)
    private let isStopping = Locked(false)

    init(housekeeping: Housekeeping, interval: TimeInterval, initialDelay: TimeInterval) {
        self.housekeeping = housekeeping
        self.interval = interval
        self.initialDelay = initialDelay
    }

    /// Starts the schedule (not after `stop`).
    func start() {
        guard !isStopping.withLock({ $0 }) else { return }
        let source = DispatchSource.makeTimerSource(queue: queue)
        source.schedule(deadline: .now() + initialDelay, repeating: interval, leeway: .seconds(1))
        source.setEventHandler { [self] in runPass() }
        timer.withLock { $0 = source }
        source.resume()
    }

    /// Cancels the schedule and waits for a pass in progress to stop (after its current batch).
    /// Calling it again does nothing more.
    func stop() {
        isStopping.withLock { $0 = true }
        timer.withLock { timer in
            timer?.cancel()
            timer = nil
        }
        queue.sync {}
    }

    private func runPass() {
        do {
            let report = try housekeeping.run(now: Date(), shouldStop: { isStopping.withLock { $0 } })
            guard report.total > 0 else { return }
            Self.log("housekeeping removed \(report.sessions) expired sessions, \(report.intakeKeys) intake keys, "
                     + "\(report.uploadKeys) upload keys; packed the histories of \(report.packedHistories) dossiers "
                     + "and the document lists of \(report.packedDocumentLists)")
        } catch {
            if isStopping.withLock({ $0 }) { return }
            Self.log("housekeeping failed: \(error)")
        }
    }

    private static func log(_ message: String) {
        FileHandle.standardError.write(Data("motcua: \(message)\n".utf8))
    }
}
