import CSQLite

/// The per-connection setup, run in order at open; each step checks its result.
extension Connection {
    /// Milliseconds a connection waits on a lock before SQLITE_BUSY.
    static let busyTimeoutMilliseconds: Int32 = 5_000
    /// Page cache of the writer, in KiB (a negative `cache_size` is KiB): the index pages where
    /// new rows land stay in it between commits.
    static let writerCacheSizeKiB = 16_384
    /// Page cache of each reader, in KiB. Enough for the inner b-tree pages that every lookup
    /// walks; the leaves a lookup reads at random are rarely read again by the same reader soon,
    /// and the kernel's page cache holds them for all connections at once. Each reader's cache
    /// fills up to this size and stays in the resident size: 16 MiB each made 5 readers cost
    /// 52 MB more than 2 with 1,000 connections reading (BENCHMARKS.md, 2026-12-07 23:35).
    static let readerCacheSizeKiB = 4_096
    /// Bytes of the file to memory-map for reads: none. Mapped pages count in the process's
    /// resident size (a 1.4 GB database read at random filled 330 MB of it), while the
    /// kernel's page cache serves the same reads through pread without that; the bounded
    /// page cache above keeps the hot pages.
    static let mmapSizeBytes = 0

    func configure() throws {
        // Set first, so that switching to WAL waits for a lock held by another process
        // rather than failing. A timeout, never a busy handler that retries at once forever.
        try check(sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds), "sqlite3_busy_timeout")

        // https://www.sqlite.org/wal.html: one writer and many readers that never block it.
        // The mode is persistent in the file, so readers only confirm it.
        let journalMode = try pragmaText(isReadOnly ? "PRAGMA journal_mode" : "PRAGMA journal_mode=WAL")
        guard journalMode.lowercased() == "wal" else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "journal_mode is \(journalMode), expected wal")
        }

        // FULL, not NORMAL: "WAL mode with synchronous=NORMAL ... might roll back following a
        // power loss" (https://www.sqlite.org/pragma.html#pragma_synchronous), and an
        // acknowledged write must survive one.
        try setPragma("synchronous", "FULL", expect: 2)
        try setPragma("foreign_keys", "ON", expect: 1)
        let cacheSizeKiB = isReadOnly ? Self.readerCacheSizeKiB : Self.writerCacheSizeKiB
        try setPragma("cache_size", String(-cacheSizeKiB), expect: Int64(-cacheSizeKiB))
        try setPragma("temp_store", "MEMORY", expect: 2)
        try execute("PRAGMA mmap_size=\(Self.mmapSizeBytes)")
        if isReadOnly {
            try setPragma("query_only", "ON", expect: 1)
        }
    }

    /// The text of the first column of the first row of a PRAGMA.
    func pragmaText(_ sql: String) throws -> String {
        guard let row = try queryOne(sql), let first = row.values.first else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "no result", sql: sql)
        }
        switch first {
        case .text(let text): return text
        case .integer(let integer): return String(integer)
        default: throw SQLiteError(extendedCode: SQLITE_ERROR, message: "unexpected \(first.typeName)", sql: sql)
        }
    }

    /// Sets `PRAGMA name=value` and reads it back, failing unless it reads `expect`.
    private func setPragma(_ name: String, _ value: String, expect: Int64) throws {
        try execute("PRAGMA \(name)=\(value)")
        let actual = try pragmaText("PRAGMA \(name)")
        guard actual == String(expect) else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "PRAGMA \(name) is \(actual), expected \(expect)")
        }
    }

    private func check(_ result: Int32, _ call: String) throws {
        guard result == SQLITE_OK else {
            throw SQLiteError(resultCode: result, handle: handle, sql: nil)
        }
    }
}
