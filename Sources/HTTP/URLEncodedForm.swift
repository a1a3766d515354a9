/// The `application/x-www-form-urlencoded` format (WHATWG URL §5), used by query strings and
/// form bodies: `name=value` pairs joined by `&`, with `+` for space and UTF-8 percent-escapes.
enum URLEncodedForm {
    /// Decodes every pair in order. A pair whose name or value has a malformed escape, or
    /// does not decode to valid UTF-8, is skipped; so is a pair with an empty name.
    /// A pair without `=` has an empty value.
    static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
            let rawValue = equals == pair.endIndex ? pair[equals...] : pair[pair.index(after: equals)...]
            guard let name = decode(pair[..<equals]), !name.isEmpty, let value = decode(rawValue) else { continue }
            pairs.append((name: name, value: value))
        }
        return pairs
    }

    /// Percent-decodes one component with `+` as space, or nil if it is malformed.
    private static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String? {
        // Raw bytes must be UTF-8 themselves before the escapes are decoded.
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return PercentDecoding.decode(text, plusAsSpace: true)
    }
}
