import Domain
import Storage

/// The procedure as a dossier was received under it (migration 0013): code, name and time
/// limit, kept once per distinct version in `procedure_snapshots` and referenced by every
/// dossier received under that version. Rows are never changed or deleted.
enum ProcedureSnapshots {
    /// The snapshot of `procedure` as it is now, added if no dossier was received under this
    /// version yet; inside the write that stores the dossier, so a write that fails takes its
    /// new snapshot with it. Not cached in memory for the same reason: the lookup is one probe
    /// of a small, always cached index.
    static func id(for procedure: Procedure, on connection: Connection) throws -> Int {
        let values = [SQLiteValue(procedure.id), SQLiteValue(procedure.code), SQLiteValue(procedure.name),
                      SQLiteValue(procedure.timeLimit.value), SQLiteValue(procedure.timeLimit.unit.rawValue)]
        if let row = try connection.queryOne("""
            SELECT id FROM procedure_snapshots WHERE procedure_id = ? AND code = ? AND name = ?
                AND time_limit_value = ? AND time_limit_unit = ?
            """, values) {
            return try row.int("id")
        }
        try connection.run("""
            INSERT INTO procedure_snapshots (procedure_id, code, name, time_limit_value, time_limit_unit)
            VALUES (?, ?, ?, ?, ?)
            """, values)
        return Int(connection.lastInsertRowID)
    }
}
