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
    /// - synchronous stays FULL, so the COMMIT returns only once the file is on disk.
    /// - Foreign keys are not enforced: the caller takes every reference from rows it has just
    ///   read (https://www.sqlite.org/foreignkeys.html#fk_enable).
    /// - The secondary indexes of `tables` (not those of UNIQUE or PRIMARY KEY constraints) are
    ///   dropped first and created again, from their own stored SQL, after `body`: one sort
    ///   per index instead of a b-tree insert per row.
    ///
    /// Throws `SQLiteError` (SQLITE_BUSY) if another connection has the file open, since
    /// SQLite leaves WAL mode only with exclusive access.
    public static func bulkLoad<T>(path: String, rebuildingIndexesOf tables: [String] = [], _ body: (Connection) throws -> T) throws -> T {
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
                try connection.execute("PRAGMA foreign_keys=OFF; PRAGMA cache_size=-\(bulkLoadCacheKiB)")
                return try connection.immediateTransaction {
                    let indexes = try connection.secondaryIndexes(of: tables)
                    for index in indexes { try connection.execute("DROP INDEX \"\(index.name)\"") }
                    let value = try body(connection)
                    for index in indexes { try connection.execute(index.sql) }
                    return value
                }
            }
            let restored = try connection.pragmaText("PRAGMA journal_mode=WAL")
            guard restored.lowercased() == "wal" else {
                throw SQLiteError(extendedCode: SQLITE_ERROR, message: "journal_mode is \(restored) after a bulk load, expected wal")
            }
            return try result.get()
        }
    }
}

extension Connection {
    /// The indexes of `tables` created by CREATE INDEX, with their SQL; the automatic indexes
    /// of UNIQUE and PRIMARY KEY constraints have no SQL and cannot be dropped.
    func secondaryIndexes(of tables: [String]) throws -> [(name: String, sql: String)] {
        guard !tables.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: tables.count).joined(separator: ", ")
        return try query("""
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(placeholders)) ORDER BY name
            """, tables.map { SQLiteValue($0) }).map { (try $0.string("name"), try $0.string("sql")) }
    }
}
