import CSQLite

/// A prepared statement (`sqlite3_prepare_v3`), finalized in `deinit` whatever path was taken.
///
/// Not thread-safe: it belongs to its connection's queue. Reuse goes through `bind`, which
/// resets the statement and clears old bindings first. Parameters are 1-based; text and
/// blobs are copied by SQLite (SQLITE_TRANSIENT).
public final class Statement {
    /// The SQL text, as prepared.
    public let sql: String
    /// Result column names, in order (empty for statements that return no rows).
    public let columnNames: [String]
    /// The number of distinct parameters (`sqlite3_bind_parameter_count`).
    public let parameterCount: Int

    let handle: OpaquePointer
    let connectionHandle: OpaquePointer
    let watchdog: QueueWatchdog
    /// Set when a bind or step failed; the statement cache then replaces this statement.
    var hasFailed = false

    init(connectionHandle: OpaquePointer, sql: String, persistent: Bool, watchdog: QueueWatchdog) throws {
        var statement: OpaquePointer?
        var remainder = ""
        // https://www.sqlite.org/c3ref/prepare.html: SQLITE_PREPARE_PERSISTENT hints that the
        // statement "will be retained for a long time and probably reused many times".
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        let result = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connectionHandle, text, -1, flags, &statement, &tail)
            if let tail { remainder = String(cString: tail) }
            return code
        }
        guard result == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw SQLiteError(resultCode: result, handle: connectionHandle, sql: sql)
        }
        guard let statement else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "no SQL statement in the text", sql: sql)
        }
        guard remainder.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
            sqlite3_finalize(statement)
            throw SQLiteError(
                extendedCode: SQLITE_MISUSE, message: "more than one statement; use Connection.execute", sql: sql)
        }
        self.sql = sql
        self.handle = statement
        self.connectionHandle = connectionHandle
        self.watchdog = watchdog
        self.parameterCount = Int(sqlite3_bind_parameter_count(statement))
        self.columnNames = (0..<sqlite3_column_count(statement)).map { index in
            sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Whether the statement is part-way through its rows (`sqlite3_stmt_busy`).
    var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    // MARK: - Stepping

    /// Advances to the next row: true when a row is available, false when done.
    ///
    /// Anything but SQLITE_ROW or SQLITE_DONE throws `SQLiteError` with this statement's SQL.
    public func step() throws -> Bool {
        watchdog.check()
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            hasFailed = true
            throw SQLiteError(resultCode: result, handle: connectionHandle, sql: sql)
        }
    }

    /// Steps until done, discarding any rows.
    public func execute() throws {
        while try step() {}
    }

    /// The current row as a `Row` value; call only after `step()` returned true.
    public func currentRow() -> Row {
        Row(columnNames: columnNames, values: (0..<columnNames.count).map { value(at: $0) })
    }

    /// Rewinds to run again, keeping the bindings.
    ///
    /// `sqlite3_reset` repeats the error of a failed step, which was already thrown by
    /// `step()`, so its result is not reported again here.
    public func reset() {
        watchdog.check()
        sqlite3_reset(handle)
    }

    /// The value of result column `index` (0-based) in the current row.
    func value(at index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // https://www.sqlite.org/c3ref/column_blob.html: call _text first, then _bytes.
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes, count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}

// Statements belong to their connection's queue (see `QueueWatchdog`).
@available(*, unavailable)
extension Statement: Sendable {}
