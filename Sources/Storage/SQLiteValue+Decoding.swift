/// Strict conversions used by `Row` and `RowCursor`: a mismatch throws, never traps.
extension SQLiteValue {
    func int64(column: String) throws -> Int64 {
        guard case .integer(let value) = self else { throw mismatch(column, "integer") }
        return value
    }

    /// Integers widen to Double: aggregates such as SUM over a REAL column may return one.
    func double(column: String) throws -> Double {
        switch self {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw mismatch(column, "real")
        }
    }

    func string(column: String) throws -> String {
        guard case .text(let value) = self else { throw mismatch(column, "text") }
        return value
    }

    func blob(column: String) throws -> [UInt8] {
        guard case .blob(let value) = self else { throw mismatch(column, "blob") }
        return value
    }

    /// 0 is false, any other integer is true (SQLite stores Booleans as integers).
    func bool(column: String) throws -> Bool {
        guard case .integer(let value) = self else { throw mismatch(column, "integer (Boolean)") }
        return value != 0
    }

    private func mismatch(_ column: String, _ expected: String) -> RowDecodingError {
        .typeMismatch(column: column, expected: expected, found: typeName)
    }
}
