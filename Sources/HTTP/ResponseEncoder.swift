/// Serialises a response's status line and header section into bytes (RFC 9112 §4, §6),
/// adding `Date`, `Server`, the framing field and `Connection`.
struct ResponseEncoder: Sendable {
    /// How the body that follows the head is delimited.
    enum Framing: Equatable {
        /// No body follows (HEAD, 1xx, 204, 304).
        case none
        case contentLength(Int)
        case chunked
        /// An HTTP/1.0 client cannot take chunked: the body ends when the connection closes.
        case closeDelimited
    }

    /// "Server: <name>\r\n", built once.
    let serverLine: [UInt8]

    init(serverName: String) {
        serverLine = Array("Server: \(serverName)\r\n".utf8)
    }

    /// Statuses that never carry content (RFC 9110 §6.4.1).
    static func forbidsBody(_ status: Int) -> Bool {
        (100..<200).contains(status) || status == 204 || status == 304
    }

    /// Decides the framing of a response; `bodyLength` is nil for a chunked body. A HEAD
    /// response is framed like the GET (its body is dropped by the caller).
    static func framing(status: Int, bodyLength: Int?, requestVersion: HTTPVersion) -> Framing {
        if forbidsBody(status) { return .none }
        guard let bodyLength else {
            return requestVersion == .http1_0 ? .closeDelimited : .chunked
        }
        return .contentLength(bodyLength)
    }

    /// Appends the head to `out`. A HEAD response keeps the framing fields the GET would
    /// have had (RFC 9110 §9.3.2). `keepAlive` false adds `Connection: close`; for an
    /// HTTP/1.0 client that stays open, `Connection: keep-alive`.
    func encodeHead(
        status: Int, headers: HTTPHeaders, framing: Framing, keepAlive: Bool,
        requestVersion: HTTPVersion, date: [UInt8], into out: inout [UInt8]
    ) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: ReasonPhrase.phrase(for: status).utf8)
        out.append(contentsOf: "\r\n".utf8)
        for field in headers.fields where !Self.isManaged(field.name) {
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            // RFC 9110 §5.5: CR, LF and NUL are never valid in a field value; drop them so
            // no handler can split the response.
            for byte in field.value.utf8 where byte != 13 && byte != 10 && byte != 0 { out.append(byte) }
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "Date: ".utf8)
        out.append(contentsOf: date)
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: serverLine)
        switch framing {
        case let .contentLength(length):
            out.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(length, to: &out)
            out.append(contentsOf: "\r\n".utf8)
        case .chunked:
            out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8)
        case .none, .closeDelimited:
            break
        }
        if !keepAlive || framing == .closeDelimited {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if requestVersion == .http1_0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
    }

    /// Fields the server writes itself; a handler's values for them are ignored.
    static func isManaged(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase("Date")
        case 6: name.equalsIgnoringASCIICase("Server")
        case 10: name.equalsIgnoringASCIICase("Connection")
        case 14: name.equalsIgnoringASCIICase("Content-Length")
        case 17: name.equalsIgnoringASCIICase("Transfer-Encoding")
        default: false
        }
    }

    /// The chunk-size line for `count` bytes (RFC 9112 §7.1).
    static func chunkHeader(_ count: Int) -> [UInt8] {
        Array(String(count, radix: 16).utf8) + [13, 10]
    }

    func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendDecimal(0 - value, to: &out)
            return
        }
        if value >= 10 { appendDecimal(value / 10, to: &out) }
        out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10))
    }
}
