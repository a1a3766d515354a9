import CSQLite

extension Statement {
    /// Runs this statement over `rows` from row `start`, binding as many rows per run as it
    /// has parameters for (one for `VALUES (?, …)`, k for a k-row VALUES list); stops before
    /// a group the remaining rows cannot fill. Returns the index of the first row not run.
    ///
    /// Text and blobs are bound as SQLITE_STATIC, pointing into `rows`' buffer, which stays
    /// pinned for the whole call; bindings are cleared before returning, so no pointer into
    /// it outlives the call (https://www.sqlite.org/c3ref/bind_blob.html). Stops at the first
    /// failing run and throws its error; earlier runs stay done (callers run this inside a
    /// transaction).
    @discardableResult
    public func execute(rows: PackedRows, from start: Int = 0) throws -> Int {
        precondition(parameterCount > 0 && parameterCount % rows.columnCount == 0,
                     "\(rows.columnCount) values per row for \(parameterCount) parameters in: \(sql)")
        precondition(rows.isAtRowBoundary, "the last row is incomplete")
        precondition(start >= 0 && start <= rows.rowCount, "start row \(start) outside 0...\(rows.rowCount)")
        clearForReuse()
        defer { clearForReuse() }
        let rowsPerRun = parameterCount / rows.columnCount
        var next = start
        try rows.bytes.withUnsafeBytes { buffer in
            while next + rowsPerRun <= rows.rowCount {
                sqlite3_reset(handle)
                let first = next * rows.columnCount
                for offset in 0..<parameterCount {
                    try bindStatic(rows.slots[first + offset], at: Int32(offset + 1), bytes: buffer)
                }
                try execute()
                next += rowsPerRun
            }
        }
        return next
    }

    private func bindStatic(_ slot: PackedRows.Slot, at position: Int32, bytes: UnsafeRawBufferPointer) throws {
        let result: Int32
        switch slot {
        case .integer(let integer):
            result = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            result = sqlite3_bind_double(handle, position, real)
        case .text(let offset, let count):
            // A nil pointer would bind NULL, so empty text is bound from a copied empty string.
            if count > 0, let base = bytes.baseAddress {
                result = sqlite3_bind_text64(handle, position, (base + offset).assumingMemoryBound(to: CChar.self),
                                             UInt64(count), nil, UInt8(SQLITE_UTF8))
            } else {
                result = sqlite3_bind_text(handle, position, "", 0, motcua_sqlite_transient())
            }
        case .blob(let offset, let count):
            if count > 0, let base = bytes.baseAddress {
                result = sqlite3_bind_blob64(handle, position, base + offset, UInt64(count), nil)
            } else {
                result = sqlite3_bind_zeroblob(handle, position, 0)
            }
        case .null:
            result = sqlite3_bind_null(handle, position)
        }
        guard result == SQLITE_OK else {
            hasFailed = true
            throw SQLiteError(resultCode: result, handle: connectionHandle, sql: sql)
        }
    }
}
