extension Request {
    /// Cookies sent in `Cookie` fields (RFC 6265 §5.4): `name=value` pairs separated by `;`.
    ///
    /// Several Cookie fields are read in order and the first occurrence of a name wins.
    /// A value in double quotes is unquoted. Pairs without `=` or with a name that is not a
    /// token (RFC 6265 §4.1.1) are skipped; values are not percent-decoded.
    public var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for field in headers.values(for: "Cookie") {
            for pair in field.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingASCIISpaces()
                var value = pair[pair.index(after: equals)...].trimmingASCIISpaces()
                guard !name.isEmpty, name.utf8.allSatisfy({ ByteTables.classes[Int($0)] & ByteTables.token != 0 }) else { continue }
                if value.count >= 2, value.first == "\"", value.last == "\"" {
                    value = value.dropFirst().dropLast()
                }
                if cookies[String(name)] == nil { cookies[String(name)] = String(value) }
            }
        }
        return cookies
    }

    /// The cookie named `name`, or nil.
    public func cookie(_ name: String) -> String? {
        cookies[name]
    }
}
