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

    /// Works on the UTF-8 bytes, as `CSVReader` reads: compared as Characters, a quote followed
    /// by a combining mark (`"` U+030B) is one grapheme that is not `"`, so it was neither
    /// noticed nor doubled, and the reader took it for the end of the field. Found by
    /// `make fuzz FUZZ_TARGET=domain`.
    static func escape(_ field: String) -> String {
        let quote = UInt8(ascii: "\"")
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0D || $0 == 0x0A }) else {
            return field
        }
        var bytes: [UInt8] = [quote]
        bytes.reserveCapacity(field.utf8.count + 8)
        for byte in field.utf8 {
            if byte == quote { bytes.append(quote) }
            bytes.append(byte)
        }
        bytes.append(quote)
        return String(decoding: bytes, as: UTF8.self)
    }
}
