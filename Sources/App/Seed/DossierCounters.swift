import Storage

/// The running dossier counts of migration 0002 during a bulk load. Its per-row insert
/// trigger is dropped for the load and put back, unchanged, in the same transaction; the
/// loader counts the rows it makes by the trigger's key and adds the totals once at the end.
enum DossierCounters {
    static let insertTrigger = "dossier_counters_insert"

    /// One row of `dossier_counters` without its count: the columns the trigger fills.
    struct Key: Hashable, Sendable {
        var agencyID: Int
        var deskAgencyID: Int
        var currentAgencyID: Int
        var channel: String
        var status: String
        var isReceived: Bool
        /// '' while unfinished, else a `Timing` of a finished dossier (the `counted_timing` column).
        var timing: String
        var isDigitized: Bool
    }

    /// Runs `body`, which inserts dossiers and returns how many it inserted under each key,
    /// without the insert trigger, then adds those counts as the trigger would have. The
    /// caller's transaction makes the whole of it atomic.
    static func suspendingInsertTrigger(_ connection: Connection, _ body: () throws -> [Key: Int]) throws {
        guard let row = try connection.queryOne("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                [SQLiteValue(insertTrigger)]) else {
            throw SeedError("thiếu trigger \(insertTrigger) (migration 0002) / missing trigger")
        }
        let definition = try row.string("sql")
        try connection.execute("DROP TRIGGER \(insertTrigger)")
        let counts = try body()
        let upsert = try connection.prepare("""
            INSERT INTO dossier_counters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO UPDATE SET count = count + excluded.count
            """)
        var rows = PackedRows(columnCount: 9, reservingRows: counts.count)
        for (key, count) in counts {
            rows.append(key.agencyID); rows.append(key.deskAgencyID); rows.append(key.currentAgencyID)
            rows.append(key.channel); rows.append(key.status); rows.append(key.isReceived ? 1 : 0)
            rows.append(key.timing); rows.append(key.isDigitized ? 1 : 0); rows.append(count)
        }
        _ = try upsert.execute(rows: rows)
        try connection.execute(definition)
    }
}
