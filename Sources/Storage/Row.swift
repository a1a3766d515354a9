/// The values of one result row, readable by column name or 0-based index.
///
/// Rows are plain values: they outlive their statement and may cross queues.
public struct Row: Sendable, Hashable {
    /// Column names in result order (shared by every row of one query).
    public let columnNames: [String]
    /// Values in result order.
    public let values: [SQLiteValue]

    public init(columnNames: [String], values: [SQLiteValue]) {
        precondition(columnNames.count == values.count, "a row needs one value per column")
        self.columnNames = columnNames
        self.values = values
    }

    /// The value at `index`; an index outside the row is a programming error.
    public subscript(_ index: Int) -> SQLiteValue {
        precondition(values.indices.contains(index), "column index \(index) outside the row")
        return values[index]
    }

    /// The value of `column`, or `.null` when the result has no such column
    /// (the typed accessors throw `RowDecodingError.missingColumn` instead).
    public subscript(_ column: String) -> SQLiteValue {
        index(of: column).map { values[$0] } ?? .null
    }

    /// The index of `column`; exact match first, then SQLite's case-insensitive rule.
    public func index(of column: String) -> Int? {
        if let exact = columnNames.firstIndex(of: column) { return exact }
        let lowered = column.lowercased()
        return columnNames.firstIndex { $0.lowercased() == lowered }
    }

    /// The value of `column`, throwing when the result has no such column.
    public func value(_ column: String) throws -> SQLiteValue {
        guard let index = index(of: column) else { throw RowDecodingError.missingColumn(column) }
        return values[index]
    }

    // MARK: - Typed accessors

    public func int64(_ column: String) throws -> Int64 { try value(column).int64(column: column) }
    public func int(_ column: String) throws -> Int { Int(try int64(column)) }
    public func double(_ column: String) throws -> Double { try value(column).double(column: column) }
    public func string(_ column: String) throws -> String { try value(column).string(column: column) }
    public func blob(_ column: String) throws -> [UInt8] { try value(column).blob(column: column) }
    public func bool(_ column: String) throws -> Bool { try value(column).bool(column: column) }

    public func optionalInt64(_ column: String) throws -> Int64? {
        try optional(column) { try $0.int64(column: column) }
    }
    public func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map { Int($0) } }
    public func optionalDouble(_ column: String) throws -> Double? {
        try optional(column) { try $0.double(column: column) }
    }
    public func optionalString(_ column: String) throws -> String? {
        try optional(column) { try $0.string(column: column) }
    }
    public func optionalBlob(_ column: String) throws -> [UInt8]? {
        try optional(column) { try $0.blob(column: column) }
    }
    public func optionalBool(_ column: String) throws -> Bool? {
        try optional(column) { try $0.bool(column: column) }
    }

    private func optional<T>(_ column: String, _ decode: (SQLiteValue) throws -> T) throws -> T? {
        let value = try value(column)
        return value.isNull ? nil : try decode(value)
    }
}
