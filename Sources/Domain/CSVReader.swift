/// One record of a CSV text, with the line on which it starts (1-based).
public struct CSVRecord: Sendable, Hashable {
    public let fields: [String]
    /// Physical line where the record begins; a quoted field may carry it over several lines.
    public let line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// A CSV text with a header row: records addressed by column name.
public struct CSVTable: Sendable {
    public let header: [String]
    public let rows: [CSVRecord]
    private let index: [String: Int]

    init(header: [String], rows: [CSVRecord]) {
        self.header = header
        self.rows = rows
        var index = [String: Int]()
        for (i, name) in header.enumerated() where index[name] == nil { index[name] = i }
        self.index = index
    }

    /// The value of `column` in `row`, or `nil` when the table has no such column.
    public func value(_ column: String, in row: CSVRecord) -> String? {
        guard let i = index[column], i < row.fields.count else { return nil }
        return row.fields[i]
    }

    /// True when the header names `column`.
    public func hasColumn(_ column: String) -> Bool { index[column] != nil }
}

/// A strict RFC 4180 CSV reader.
///
/// RFC 4180 §2: records end with CRLF (a bare LF is accepted too); fields are separated by
/// commas; a field may be enclosed in double quotes, and then may contain commas, line breaks
/// and doubled quotes (`""` for `"`). A quote inside an unquoted field, text after a closing
/// quote, and an unterminated quote are errors with their line number. A UTF-8 byte-order mark
/// at the start is skipped, and empty lines (no characters at all) are ignored.
public enum CSVReader {
    /// Splits `text` into records.
    public static func records(_ text: String) throws(CSVError) -> [CSVRecord] {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var records = [CSVRecord]()
        var fields = [String]()
        var field = [UInt8]()
        var line = 1
        var recordLine = 1
        var i = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A

        var fieldStarted = false  // a quoted field was read: only a separator may follow

        func endRecord() {
            // A line with no characters at all is skipped; `""` alone is one empty field.
            let isEmptyLine = fields.isEmpty && field.isEmpty && !fieldStarted
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !isEmptyLine { records.append(CSVRecord(fields: fields, line: recordLine)) }
            fields.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let b = bytes[i]
            if fieldStarted, b != comma, b != cr, b != lf {
                throw .textAfterClosingQuote(line: line)
            }
            switch b {
            case quote:
                guard field.isEmpty else { throw .quoteInUnquotedField(line: line) }
                let openingLine = line
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == quote {
                        if i + 1 < bytes.count, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if c == lf { line += 1 }
                    field.append(c)
                    i += 1
                }
                guard closed else { throw .unterminatedQuote(line: openingLine) }
                fieldStarted = true
                continue
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
            case cr:
                guard i + 1 < bytes.count, bytes[i + 1] == lf else { throw .bareCarriageReturn(line: line) }
                i += 1
                endRecord()
                fieldStarted = false
                line += 1
                recordLine = line
            case lf:
                endRecord()
                fieldStarted = false
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// Reads a CSV text whose first record is a header naming the columns.
    ///
    /// Every column of `required` must appear in the header, and every record must have as many
    /// fields as the header.
    public static func table(_ text: String, required: [String] = []) throws(CSVError) -> CSVTable {
        let all = try records(text)
        guard let first = all.first else { throw .missingHeader }
        let header = first.fields.map { $0.trimmingSpaces() }
        for column in required where !header.contains(column) {
            throw .missingColumn(column)
        }
        let rows = Array(all.dropFirst())
        for row in rows where row.fields.count != header.count {
            throw .fieldCount(line: row.line, expected: header.count, found: row.fields.count)
        }
        return CSVTable(header: header, rows: rows)
    }
}

/// Why a CSV text could not be read.
public enum CSVError: Error, Sendable, Hashable {
    case unterminatedQuote(line: Int)
    case quoteInUnquotedField(line: Int)
    case textAfterClosingQuote(line: Int)
    case bareCarriageReturn(line: Int)
    case missingHeader
    case missingColumn(String)
    case fieldCount(line: Int, expected: Int, found: Int)

    /// Vietnamese text for people.
    public var message: String {
        switch self {
        case .unterminatedQuote(let line):
            return "Dòng \(line): dấu ngoặc kép mở nhưng không được đóng."
        case .quoteInUnquotedField(let line):
            return "Dòng \(line): dấu ngoặc kép nằm giữa một trường không được bao trong ngoặc kép."
        case .textAfterClosingQuote(let line):
            return "Dòng \(line): có ký tự sau dấu ngoặc kép đóng (cần dấu phẩy hoặc xuống dòng)."
        case .bareCarriageReturn(let line):
            return "Dòng \(line): ký tự CR không đi kèm LF."
        case .missingHeader:
            return "Tệp CSV trống: thiếu dòng tiêu đề."
        case .missingColumn(let name):
            return "Dòng tiêu đề thiếu cột \"\(name)\"."
        case .fieldCount(let line, let expected, let found):
            return "Dòng \(line): có \(found) trường, cần \(expected) trường như dòng tiêu đề."
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
