/// 256-entry classification tables for scanning request bytes without branching on ranges.
///
/// Each entry is a set of flag bits; a scanner tests `classes[Int(byte)] & flag != 0`.
enum ByteTables {
    /// tchar (RFC 9110 §5.6.2): method and field-name characters.
    static let token: UInt8 = 1 << 0
    /// field-vchar, SP and HTAB (RFC 9110 §5.5): bytes allowed inside a field value.
    static let fieldValue: UInt8 = 1 << 1
    /// Visible ASCII allowed in a request-target (RFC 9112 §3.2); `#` is excluded because a
    /// fragment is never part of a request-target.
    static let target: UInt8 = 1 << 2
    /// HEXDIG (RFC 5234 Appendix B.1): chunk-size digits.
    static let hexDigit: UInt8 = 1 << 3

    /// The flag bits of every byte value.
    static let classes: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        let tokenSymbols = Array("!#$%&'*+-.^_`|~".utf8)
        for byte in 0..<256 {
            let b = UInt8(byte)
            var flags: UInt8 = 0
            let isDigit = b >= 0x30 && b <= 0x39
            let isAlpha = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if isDigit || isAlpha || tokenSymbols.contains(b) { flags |= token }
            if (b >= 0x21 && b <= 0x7E) || b >= 0x80 || b == 0x20 || b == 0x09 { flags |= fieldValue }
            if b >= 0x21 && b <= 0x7E && b != UInt8(ascii: "#") { flags |= target }
            if isDigit || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66) { flags |= hexDigit }
            table[byte] = flags
        }
        return table
    }()
}

/// ASCII byte constants used by the parsers.
enum ASCII {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let slash = UInt8(ascii: "/")
    static let question = UInt8(ascii: "?")
    static let asterisk = UInt8(ascii: "*")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")

    /// The byte lowercased if it is an ASCII capital letter.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether `bytes` equals `lowercaseLiteral` ignoring ASCII case (the literal is lowercase).
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercaseLiteral: StaticString) -> Bool {
        guard bytes.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        let literal = lowercaseLiteral.utf8Start
        for index in 0..<bytes.count where lowercased(bytes[index]) != literal[index] {
            return false
        }
        return true
    }

    /// Whether `bytes` equals `literal` exactly (methods are case-sensitive, RFC 9110 §9.1).
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard bytes.count == literal.utf8CodeUnitCount else { return false }
        let start = literal.utf8Start
        for index in 0..<bytes.count where bytes[index] != start[index] {
            return false
        }
        return true
    }

    /// The value of a hex digit byte (caller checked `ByteTables.hexDigit`).
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        default: Int(byte &- 0x61) + 10
        }
    }
}
