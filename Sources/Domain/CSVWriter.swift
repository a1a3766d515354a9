import Foundation

/// Writes CSV as RFC 4180 §2 describes it, the form `CSVReader` reads back: records end with
/// CRLF, and a field holding a comma, a quote, CR or LF is enclosed in double quotes with each
/// quote doubled. Other fields are written as they are.
public struct CSVWriter {
    public private(set) var text = ""

    public init() {}

    public mutating func write(_ fields: [String]) {
        text += fields.map(Self.escape).joined(separator: ",")
        text += "\r\n"
    }

    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
