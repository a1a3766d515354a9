/// Rows of values packed for bulk inserts: integers, reals and NULLs inline, the bytes of
/// every text and blob in one shared buffer.
///
/// Built on any thread (it is a plain `Sendable` value), then run with
/// `Statement.execute(rows:)`, which binds text and blobs straight from the buffer without
/// a per-value allocation or copy.
public struct PackedRows: Sendable {
    enum Slot: Sendable {
        case integer(Int64)
        case real(Double)
        case text(offset: Int, count: Int)
        case blob(offset: Int, count: Int)
        case null
    }

    /// Values per row: the statement's parameter count.
    public let columnCount: Int
    private(set) var slots: [Slot] = []
    private(set) var bytes: [UInt8] = []

    /// Empty rows of `columnCount` values, with room for `rows` rows of about `bytesPerRow`
    /// text and blob bytes.
    public init(columnCount: Int, reservingRows rows: Int = 0, bytesPerRow: Int = 0) {
        precondition(columnCount > 0, "a row has at least one value")
        self.columnCount = columnCount
        slots.reserveCapacity(rows * columnCount)
        bytes.reserveCapacity(rows * bytesPerRow)
    }

    /// Complete rows so far.
    public var rowCount: Int { slots.count / columnCount }

    /// Whether the last row is complete (or there is none).
    public var isAtRowBoundary: Bool { slots.count % columnCount == 0 }

    /// Appends an integer value.
    public mutating func append(_ value: Int) { slots.append(.integer(Int64(value))) }
    /// Appends an integer value.
    public mutating func append(_ value: Int64) { slots.append(.integer(value)) }
    /// Appends a real value.
    public mutating func append(_ value: Double) { slots.append(.real(value)) }

    /// Appends a text value (its UTF-8 bytes go to the shared buffer).
    public mutating func append(_ text: String) {
        let offset = bytes.count
        bytes.append(contentsOf: text.utf8)
        slots.append(.text(offset: offset, count: bytes.count - offset))
    }

    /// Appends UTF-8 text given as bytes (not checked).
    public mutating func append<Bytes: Collection>(utf8 text: Bytes) where Bytes.Element == UInt8 {
        let offset = bytes.count
        bytes.append(contentsOf: text)
        slots.append(.text(offset: offset, count: bytes.count - offset))
    }

    /// Appends a blob value.
    public mutating func append(_ blob: [UInt8]) {
        let offset = bytes.count
        bytes.append(contentsOf: blob)
        slots.append(.blob(offset: offset, count: blob.count))
    }

    /// Appends an integer, or NULL for nil.
    public mutating func append(_ value: Int?) { if let value { append(value) } else { appendNull() } }
    /// Appends a text, or NULL for nil.
    public mutating func append(_ text: String?) { if let text { append(text) } else { appendNull() } }
    /// Appends NULL.
    public mutating func appendNull() { slots.append(.null) }

    /// Appends a value of any storage class.
    public mutating func append(_ value: SQLiteValue) {
        switch value {
        case .integer(let integer): append(integer)
        case .real(let real): append(real)
        case .text(let text): append(text)
        case .blob(let blob): append(blob)
        case .null: appendNull()
        }
    }
}
