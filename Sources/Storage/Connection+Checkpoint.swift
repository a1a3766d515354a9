import CSQLite

extension Connection {
    /// Runs a checkpoint of the WAL (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html):
    /// TRUNCATE by default (copy everything, waiting for readers, then empty the file);
    /// PASSIVE copies what it can without waiting for anyone.
    func checkpoint(mode: Int32 = SQLITE_CHECKPOINT_TRUNCATE) throws {
        try checkOpen()
        let result = sqlite3_wal_checkpoint_v2(handle, nil, mode, nil, nil)
        guard result == SQLITE_OK else {
            throw SQLiteError(resultCode: result, handle: handle, sql: "wal_checkpoint(\(mode))")
        }
    }
}
