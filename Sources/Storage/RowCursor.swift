import CSQLite

/// The current row of a statement being stepped, read in place without building a `Row`.
///
/// Handed to `Connection.forEach` bodies. It is noncopyable and only borrowed, so it cannot
/// outlive the step it describes. Column indexes are 0-based; an index outside the result is
/// a programming error. Typed readers throw `RowDecodingError` on a storage-class mismatch.
public struct RowCursor: ~Copyable {
    private let statement: Statement

    init(statement: Statement) {
        self.statement = statement
    }

    /// Result column names, in order.
    public var columnNames: [String] { statement.columnNames }

    /// The index of `column` (matched as `Row.index(of:)` does), for resolving names once
    /// before a loop.
    public func index(of column: String) -> Int? {
        if let exact = statement.columnNames.firstIndex(of: column) { return exact }
        let lowered = column.lowercased()
        return statement.columnNames.firstIndex { $0.lowercased() == lowered }
    }

    /// The value of column `index`.
    public func value(at index: Int) -> SQLiteValue {
        checkIndex(index)
        return statement.value(at: index)
    }

    /// Whether column `index` is NULL.
    public func isNull(at index: Int) -> Bool {
        checkIndex(index)
        return sqlite3_column_type(statement.handle, Int32(index)) == SQLITE_NULL
    }

    public func int64(at index: Int) throws -> Int64 {
        checkIndex(index)
        let column = Int32(index)
        guard sqlite3_column_type(statement.handle, column) == SQLITE_INTEGER else {
            return try statement.value(at: index).int64(column: name(index))
        }
        return sqlite3_column_int64(statement.handle, column)
    }

    public func int(at index: Int) throws -> Int { Int(try int64(at: index)) }

    public func double(at index: Int) throws -> Double {
        checkIndex(index)
        let column = Int32(index)
        guard sqlite3_column_type(statement.handle, column) == SQLITE_FLOAT else {
            return try statement.value(at: index).double(column: name(index))
        }
        return sqlite3_column_double(statement.handle, column)
    }

    public func string(at index: Int) throws -> String {
        checkIndex(index)
        return try statement.value(at: index).string(column: name(index))
    }

    public func optionalString(at index: Int) throws -> String? {
        isNull(at: index) ? nil : try string(at: index)
    }

    public func optionalInt64(at index: Int) throws -> Int64? {
        isNull(at: index) ? nil : try int64(at: index)
    }

    public func blob(at index: Int) throws -> [UInt8] {
        checkIndex(index)
        return try statement.value(at: index).blob(column: name(index))
    }

    public func bool(at index: Int) throws -> Bool {
        checkIndex(index)
        return try statement.value(at: index).bool(column: name(index))
    }

    /// Copies the current row into a `Row` value that may be kept.
    public func row() -> Row {
        statement.currentRow()
    }

    private func name(_ index: Int) -> String {
        statement.columnNames[index]
    }

    @inline(__always)
    private func checkIndex(_ index: Int) {
        precondition(statement.columnNames.indices.contains(index),
                     "column index \(index) outside the result of: \(statement.sql)")
    }
}
