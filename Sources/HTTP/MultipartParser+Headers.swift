extension MultipartParser {
    /// The boundary parameter of a `multipart/form-data` Content-Type, quoted or a token,
    /// 1 to 70 characters of `bchars` not ending in a space (RFC 2046 §5.1.1); else nil.
    public static func boundary(fromContentType contentType: String) -> String? {
        guard let parsed = HeaderParameters(contentType),
              parsed.value.equalsIgnoringASCIICase("multipart/form-data"),
              let boundary = parsed["boundary"]
        else { return nil }
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != ASCII.space,
              bytes.allSatisfy(isBoundaryCharacter)
        else { return nil }
        return boundary
    }

    /// bchars: DIGIT / ALPHA / "'" / "(" / ")" / "+" / "_" / "," / "-" / "." / "/" / ":" /
    /// "=" / "?" / SP (RFC 2046 §5.1.1).
    private static func isBoundaryCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: "_"),
             UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: " "):
            true
        default:
            false
        }
    }

    /// Parses a part's header section (field lines ending in CRLF, then the blank line):
    /// token names, no whitespace before the colon, OWS trimmed, no obs-fold or control bytes.
    static func parsePartHeaders(_ section: ArraySlice<UInt8>) throws(MultipartError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        var lineStart = section.startIndex
        let end = section.endIndex - 2  // the blank line's CRLF
        while lineStart < end {
            guard let cr = section[lineStart..<end].firstIndex(of: ASCII.cr), section[cr + 1] == ASCII.lf else {
                throw .malformed
            }
            let line = section[lineStart..<cr]
            guard let colon = line.firstIndex(of: ASCII.colon), colon > line.startIndex else { throw .malformed }
            let name = line[..<colon]
            guard name.allSatisfy({ ByteTables.classes[Int($0)] & ByteTables.token != 0 }) else { throw .malformed }
            var value = line[(colon + 1)...]
            guard value.allSatisfy({ ByteTables.classes[Int($0)] & ByteTables.fieldValue != 0 }) else { throw .malformed }
            while let first = value.first, first == ASCII.space || first == ASCII.tab { value = value.dropFirst() }
            while let last = value.last, last == ASCII.space || last == ASCII.tab { value = value.dropLast() }
            headers.add(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
            lineStart = cr + 2
        }
        return headers
    }
}
