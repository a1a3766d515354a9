import Domain
import Foundation
import Storage

/// Writes generated dossiers and their events through prepared 100-row INSERTs (single-row
/// ones for the rest of a chunk), bound from packed buffers (`Statement.execute(rows:)`):
/// no SQL text is built or looked up per run, and no value is copied or allocated.
struct DossierBatch {
    let connection: Connection
    let centre: Agency
    private let dossierInsert: Statement
    private let eventInsert: Statement
    private let dossierInsertMany: Statement
    private let eventInsertMany: Statement
    /// Rows per multi-row INSERT: SQLite opens the table and index cursors once per run.
    static let rowsPerInsert = 100

    static let dossierColumns = ["id", "code", "procedure_id", "procedure_snapshot_id", "agency_id", "desk_agency_id",
                                 "current_agency_id", "channel", "status",
                                 "applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
                                 "submitted_at", "received_at", "due_at", "original_due_at", "finished_at", "created_by",
                                 "updated_at", "history"]
    static let eventColumns = ["seq", "dossier_id", "at", "action", "actor_id", "actor_name", "actor_role", "from_status",
                               "to_status", "national_status", "agency_id", "note", "previous_hash", "hash"]

    init(connection: Connection, centre: Agency) throws {
        self.connection = connection
        self.centre = centre
        dossierInsert = try connection.prepare(Self.insert("dossiers", Self.dossierColumns))
        eventInsert = try connection.prepare(Self.insert("dossier_events", Self.eventColumns))
        dossierInsertMany = try connection.prepare(Self.insert("dossiers", Self.dossierColumns, rows: Self.rowsPerInsert))
        eventInsertMany = try connection.prepare(Self.insert("dossier_events", Self.eventColumns, rows: Self.rowsPerInsert))
    }

    /// The last event's seq and hash and the highest dossier id, so new rows continue them.
    func chainHead() throws -> DossierGenerator.ChainHead {
        var head = DossierGenerator.ChainHead()
        if let row = try connection.queryOne("SELECT seq, hash FROM dossier_events ORDER BY seq DESC LIMIT 1") {
            head.nextSeq = try row.int("seq") + 1
            head.previousHash = try row.string("hash")
        }
        if let row = try connection.queryOne("SELECT MAX(id) AS id FROM dossiers"), let id = try row.optionalInt("id") {
            head.nextDossierID = id + 1
        }
        return head
    }

    /// Inserts the chunk's dossiers, then their events, then its day sequences; returns the rows.
    func write(_ chunk: DossierGenerator.Chunk) throws -> Int {
        try dossierInsert.execute(rows: chunk.dossiers, from: dossierInsertMany.execute(rows: chunk.dossiers))
        try eventInsert.execute(rows: chunk.events, from: eventInsertMany.execute(rows: chunk.events))
        for sequence in chunk.sequences {
            try recordSequence(day: sequence.day, last: sequence.last)
        }
        return chunk.dossiers.rowCount + chunk.events.rowCount
    }

    private func recordSequence(day: LocalDate, last: Int) throws {
        try connection.run("""
            INSERT INTO dossier_sequences (agency_id, day, last_value) VALUES (?, ?, ?)
            ON CONFLICT (agency_id, day) DO UPDATE SET last_value = MAX(last_value, excluded.last_value)
            """, [SQLiteValue(centre.id), SQLiteValue(DossierCode.dayKey(day)), SQLiteValue(last)])
    }

    /// `INSERT INTO table (columns) VALUES (?, …)`, with `rows` tuples.
    static func insert(_ table: String, _ columns: [String], rows: Int = 1) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
    }
}
