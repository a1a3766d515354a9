extension Request {
    /// The query's `name=value` pairs in order, `+` read as space and percent-escapes decoded
    /// as UTF-8 (WHATWG URL §5.1); malformed pairs are skipped.
    public var queryItems: [(name: String, value: String)] {
        guard let query = head.query else { return [] }
        return URLEncodedForm.parse(query.utf8)
    }

    /// The first query value named `name` (case-sensitive), or nil.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}
