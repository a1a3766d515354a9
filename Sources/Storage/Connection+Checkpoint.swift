import CSQLite

extension Connection {
    /// Runs a TRUNCATE checkpoint of the WAL (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html).
    func checkpoint() throws {
        try checkOpen()
        let result = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        guard result == SQLITE_OK else {
            throw SQLiteError(resultCode: result, handle: handle, sql: "wal_checkpoint(TRUNCATE)")
        }
    }
}
