import CSQLite

extension Database {
    /// Page cache of the bulk-load connection, in KiB: large enough to hold the growing
    /// index pages, so they are written once at commit rather than spilled again and again.
    static let bulkLoadCacheKiB = 262_144

    /// Runs `body` in one `BEGIN IMMEDIATE … COMMIT` on a connection of its own, set up to
    /// write a large number of new rows once, for a file no other connection has open.
    /// Rolled back entirely if it throws; the file is in WAL mode again afterwards either way.
    ///
    /// - The load goes through a rollback journal, not the WAL: "the WAL file … must be
    ///   transferred back into the original database by a checkpoint"
    ///   (https://www.sqlite.org/wal.html), so in WAL mode every new page is written twice.
    ///   A rollback journal holds only pages that existed before the transaction; pages
    ///   appended to the file are not journaled (https://www.sqlite.org/atomiccommit.html).
    ///   A crash during the load leaves a hot journal that the next open rolls back.
    /// - synchronous stays FULL, so the COMMIT returns only once the file is on disk; a
    ///   `WritebackFlusher` writes the pages out during the load, so that fsync has little left.
    /// - Foreign keys are not enforced: the caller takes every reference from rows it has just
    ///   read (https://www.sqlite.org/foreignkeys.html#fk_enable).
    /// - CHECK constraints are not enforced either (`PRAGMA ignore_check_constraints`,
    ///   https://www.sqlite.org/pragma.html#pragma_ignore_check_constraints): the caller builds its
    ///   values from typed domain values, and its tests run `PRAGMA quick_check` on what it
    ///   loaded, which evaluates them. Measured on `seed-bench`'s 1 M dossiers (before migration
    ///   0007 made them comparisons): the `IN (…)` checks of `dossiers` cost the writer thread
    ///   3.7 µs a row, 3.7 s of CPU.
    ///   Both settings end with this connection; every other connection enforces both.
    ///
    /// Throws `SQLiteError` (SQLITE_BUSY) if another connection has the file open, since
    /// SQLite leaves WAL mode only with exclusive access.
    public static func bulkLoad<T>(path: String, _ body: (Connection) throws -> T) throws -> T {
        let writer = try SerializedConnection(path: path, readOnly: false, label: "storage.bulk")
        return try writer.sync { connection in
            defer { connection.close() }
            // Fail at once rather than wait out the busy timeout for a server that holds the file.
            sqlite3_busy_timeout(connection.handle, 0)
            let mode = try connection.pragmaText("PRAGMA journal_mode=DELETE")
            guard mode.lowercased() == "delete" else {
                throw SQLiteError(extendedCode: SQLITE_BUSY,
                                  message: "cannot leave WAL mode for a bulk load (journal_mode is \(mode)): another connection has the file open")
            }
            let result = Result {
                try connection.execute("PRAGMA foreign_keys=OFF; PRAGMA ignore_check_constraints=ON; PRAGMA cache_size=-\(bulkLoadCacheKiB)")
                let flusher = WritebackFlusher(path: path)
                defer { flusher?.stop() }
                return try connection.immediateTransaction { try body(connection) }
            }
            let restored = try connection.pragmaText("PRAGMA journal_mode=WAL")
            guard restored.lowercased() == "wal" else {
                throw SQLiteError(extendedCode: SQLITE_ERROR, message: "journal_mode is \(restored) after a bulk load, expected wal")
            }
            return try result.get()
        }
    }
}
