/// The request line and header section of one request, as parsed and validated.
public struct RequestHead: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (origin form: path and optional query).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders

    public init(method: HTTPMethod, target: String, version: HTTPVersion, headers: HTTPHeaders) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The target's path, still percent-encoded, without the query.
    public var path: Substring {
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<question] }
        return target[...]
    }

    /// The target's query without the `?`, or nil.
    public var query: Substring? {
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.index(after: question)...]
    }

    /// HTTP/1.1 keeps the connection open unless `Connection: close`; HTTP/1.0 only with
    /// `Connection: keep-alive` (RFC 9112 §9.3).
    public var isKeepAlive: Bool {
        let tokens = headers.values(for: "Connection").flatMap { $0.split(separator: ",") }
            .map { $0.trimmingASCIISpaces().lowercased() }
        if version == .http1_1 { return !tokens.contains("close") }
        return tokens.contains("keep-alive")
    }
}

extension Substring {
    func trimmingASCIISpaces() -> Substring {
        var s = self
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
