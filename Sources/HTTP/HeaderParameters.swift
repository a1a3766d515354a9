/// A field value of the form `value *( OWS ";" OWS name "=" ( token / quoted-string ) )`
/// (RFC 9110 §5.6.6), as used by Content-Type and Content-Disposition.
struct HeaderParameters {
    /// The leading value (media type or disposition type), trimmed, as sent.
    var value: String
    /// Parameters in order; names lowercased, quoted values unquoted.
    var parameters: [(name: String, value: String)]

    /// The first parameter named `name` (lowercase), or nil.
    subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// Parses `text`; nil when a parameter is malformed (no `=`, bad name, open quote).
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func skipWhitespace() {
            while index < bytes.count && (bytes[index] == ASCII.space || bytes[index] == ASCII.tab) { index += 1 }
        }
        let valueEnd = bytes.firstIndex(of: ASCII.semicolon) ?? bytes.count
        value = String(decoding: bytes[..<valueEnd], as: UTF8.self)
        value = String(value[...].trimmingASCIISpaces())
        index = valueEnd
        parameters = []
        while index < bytes.count {
            // At a ";": skip it and the whitespace after it; empty parameters are allowed.
            index += 1
            skipWhitespace()
            if index == bytes.count { break }
            if bytes[index] == ASCII.semicolon { continue }
            let nameStart = index
            while index < bytes.count && ByteTables.classes[Int(bytes[index])] & ByteTables.token != 0 { index += 1 }
            guard index > nameStart, index < bytes.count, bytes[index] == UInt8(ascii: "=") else { return nil }
            let name = String(decoding: bytes[nameStart..<index].map(ASCII.lowercased), as: UTF8.self)
            index += 1
            var parameterValue: [UInt8] = []
            if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                // quoted-string with quoted-pair (RFC 9110 §5.6.4).
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    if byte == UInt8(ascii: "\"") { closed = true; break }
                    if byte == UInt8(ascii: "\\") {
                        guard index < bytes.count else { return nil }
                        parameterValue.append(bytes[index])
                        index += 1
                    } else {
                        parameterValue.append(byte)
                    }
                }
                guard closed else { return nil }
            } else {
                while index < bytes.count && ByteTables.classes[Int(bytes[index])] & ByteTables.token != 0 {
                    parameterValue.append(bytes[index])
                    index += 1
                }
            }
            parameters.append((name: name, value: String(decoding: parameterValue, as: UTF8.self)))
            skipWhitespace()
            guard index == bytes.count || bytes[index] == ASCII.semicolon else { return nil }
        }
    }
}
