import CSQLite

/// Binding parameters (https://www.sqlite.org/c3ref/bind_blob.html).
///
/// A wrong parameter count, index or name is a programming error and traps; a failure
/// reported by SQLite itself (e.g. a value too big) throws.
extension Statement {
    /// Resets the statement, clears old bindings, then binds `values` to parameters 1…n.
    public func bind(_ values: [SQLiteValue]) throws {
        clearForReuse()
        precondition(values.count == parameterCount,
                     "\(values.count) values for \(parameterCount) parameters in: \(sql)")
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Resets the statement, clears old bindings, then binds each value to its named
    /// parameter; names carry their prefix, as in the SQL (":id", "@id" or "$id").
    public func bind(named values: [String: SQLiteValue]) throws {
        clearForReuse()
        precondition(values.count == parameterCount,
                     "\(values.count) values for \(parameterCount) parameters in: \(sql)")
        for (name, value) in values {
            try bind(value, named: name)
        }
    }

    /// Binds one value to the parameter named `name` (with its prefix).
    public func bind(_ value: SQLiteValue, named name: String) throws {
        watchdog.check()
        let index = sqlite3_bind_parameter_index(handle, name)
        precondition(index > 0, "no parameter named \(name) in: \(sql)")
        try bind(value, at: Int(index))
    }

    /// Binds one value to parameter `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        watchdog.check()
        precondition(index >= 1 && index <= parameterCount,
                     "parameter index \(index) outside 1...\(parameterCount) in: \(sql)")
        let position = Int32(index)
        let result: Int32
        switch value {
        case .integer(let integer):
            result = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            result = sqlite3_bind_double(handle, position, real)
        case .text(let text):
            var text = text
            result = text.withUTF8 { bytes in
                // A nil pointer would bind NULL, so the empty string gets a real (empty) buffer.
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_text(handle, position, "", 0, motcua_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(handle, position, $0, UInt64(bytes.count),
                                        motcua_sqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let blob):
            result = blob.withUnsafeBytes { bytes in
                // As with text: a nil pointer means NULL, so an empty blob is a zero-length zeroblob.
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_zeroblob(handle, position, 0)
                }
                return sqlite3_bind_blob64(handle, position, base, UInt64(bytes.count), motcua_sqlite_transient())
            }
        case .null:
            result = sqlite3_bind_null(handle, position)
        }
        guard result == SQLITE_OK else {
            hasFailed = true
            throw SQLiteError(resultCode: result, handle: connectionHandle, sql: sql)
        }
    }

    /// Resets and clears bindings so that nothing from a previous run leaks into the next.
    func clearForReuse() {
        watchdog.check()
        // sqlite3_reset repeats the previous step's error, already thrown then: ignored here.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
