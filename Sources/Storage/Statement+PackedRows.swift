import CSQLite

extension Statement {
    /// Runs this statement once per row of `rows` (each row bound to parameters 1…n);
    /// returns the number of rows run.
    ///
    /// Text and blobs are bound as SQLITE_STATIC, pointing into `rows`' buffer, which stays
    /// pinned for the whole call; bindings are cleared before returning, so no pointer into
    /// it outlives the call (https://www.sqlite.org/c3ref/bind_blob.html). Stops at the first
    /// failing row and throws its error; earlier rows stay done (callers run this inside a
    /// transaction).
    @discardableResult
    public func execute(rows: PackedRows) throws -> Int {
        precondition(rows.columnCount == parameterCount,
                     "\(rows.columnCount) values per row for \(parameterCount) parameters in: \(sql)")
        precondition(rows.isAtRowBoundary, "the last row is incomplete")
        clearForReuse()
        defer { clearForReuse() }
        let width = rows.columnCount
        try rows.bytes.withUnsafeBytes { buffer in
            var start = 0
            while start < rows.slots.count {
                sqlite3_reset(handle)
                for column in 0..<width {
                    try bindStatic(rows.slots[start + column], at: Int32(column + 1), bytes: buffer)
                }
                try execute()
                start += width
            }
        }
        return rows.rowCount
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
