/// Building the `RequestHead` from scanned offsets, and the semantic checks that need the whole
/// head: target form, Host, and message framing (RFC 9112 §3.2, §6).
extension RequestParser {
    /// Builds the head from `head` (the bytes from the method to the blank line) and decides
    /// how the body is framed. Strings are made once, from bytes the scanner already validated.
    func makeHead(_ head: UnsafeBufferPointer<UInt8>) -> Result<(RequestHead, Framing), HTTPParseError> {
        do {
            return .success(try buildHead(head))
        } catch {
            return .failure(error)
        }
    }

    private func buildHead(_ head: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> (RequestHead, Framing) {
        let method = Self.makeMethod(UnsafeBufferPointer(rebasing: head[0..<methodEnd]))
        let target = try Self.makeTarget(UnsafeBufferPointer(rebasing: head[targetStart..<targetEnd]), method: method)
        let version: HTTPVersion = versionMinor == 0 ? .http1_0 : .http1_1

        var fields: [HTTPHeaders.Field] = []
        fields.reserveCapacity(fieldSpans.count)
        var hostCount = 0
        var contentLength = ContentLength()
        var codings = TransferCodings()
        for span in fieldSpans {
            let name = UnsafeBufferPointer(rebasing: head[span.nameStart..<span.nameEnd])
            var valueEnd = span.valueEnd
            // RFC 9112 §5: OWS around the value is not part of it.
            while valueEnd > span.valueStart && (head[valueEnd - 1] == ASCII.space || head[valueEnd - 1] == ASCII.tab) {
                valueEnd -= 1
            }
            let value = UnsafeBufferPointer(rebasing: head[span.valueStart..<valueEnd])
            switch name.count {
            case 4 where ASCII.equalsIgnoringCase(name, "host"):
                hostCount += 1
                guard Self.isValidHost(value) else { throw .invalidHost }
            case 14 where ASCII.equalsIgnoringCase(name, "content-length"):
                contentLength.add(value)
            case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding"):
                codings.add(value)
            default:
                break
            }
            fields.append((name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self)))
        }

        // RFC 9112 §3.2: a server MUST respond 400 to an HTTP/1.1 request without a Host, or
        // to any request with more than one Host field line.
        if hostCount > 1 || (version == .http1_1 && hostCount == 0) { throw .invalidHost }
        let framing = try Self.framing(version: version, contentLength: contentLength, codings: codings)
        return (RequestHead(method: method, target: target, version: version, headers: HTTPHeaders(fields)), framing)
    }

    /// Decides the body framing (RFC 9112 §6.3).
    private static func framing(version: HTTPVersion, contentLength: ContentLength, codings: TransferCodings) throws(HTTPParseError) -> Framing {
        if codings.isPresent {
            // RFC 9112 §6.1: Transfer-Encoding with Content-Length, or in an HTTP/1.0 message,
            // means the framing is faulty.
            if contentLength.isPresent || version == .http1_0 { throw .conflictingFraming }
            if codings.count == 0 || !codings.lastIsChunked || codings.chunkedCount > 1 { throw .chunkedNotFinal }
            if codings.hasOtherCoding { throw .unsupportedTransferCoding }
            return .chunked
        }
        if contentLength.isPresent {
            guard let length = contentLength.value else { throw .invalidContentLength }
            return .length(length)
        }
        return .none
    }

    /// Whether a Host value is `uri-host [ ":" port ]` (RFC 9110 §7.2, RFC 3986 §3.2.2); an
    /// empty value is allowed for targets without an authority.
    static func isValidHost(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        if value.first == UInt8(ascii: "[") {
            // IP-literal: checked loosely as hex digits, colons and dots inside brackets.
            guard let close = value.firstIndex(of: UInt8(ascii: "]")) else { return false }
            for byte in value[1..<close] {
                guard ByteTables.classes[Int(byte)] & ByteTables.hexDigit != 0 || byte == ASCII.colon || byte == ASCII.dot else { return false }
            }
            index = close + 1
        } else {
            // reg-name or IPv4address: unreserved, pct-encoded and sub-delims.
            while index < value.count && value[index] != ASCII.colon {
                guard isRegNameByte(value[index]) else { return false }
                index += 1
            }
        }
        guard index < value.count else { return true }
        guard value[index] == ASCII.colon else { return false }
        return value[(index + 1)...].allSatisfy { $0 >= ASCII.zero && $0 <= ASCII.zero + 9 }
    }

    /// ALPHA / DIGIT / "-" / "." / "_" / "~" / "%" / sub-delims (RFC 3986 §3.2.2).
    private static func isRegNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "%"),
             UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        default:
            false
        }
    }

    /// The method, reusing the shared constants for the common ones (no allocation).
    static func makeMethod(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPMethod {
        switch bytes.count {
        case 3:
            if ASCII.equals(bytes, "GET") { return .get }
            if ASCII.equals(bytes, "PUT") { return .put }
        case 4:
            if ASCII.equals(bytes, "POST") { return .post }
            if ASCII.equals(bytes, "HEAD") { return .head }
        case 5:
            if ASCII.equals(bytes, "PATCH") { return .patch }
        case 6:
            if ASCII.equals(bytes, "DELETE") { return .delete }
        case 7:
            if ASCII.equals(bytes, "OPTIONS") { return .options }
        default:
            break
        }
        return HTTPMethod(String(decoding: bytes, as: UTF8.self))
    }

    /// The target in origin form (RFC 9112 §3.2): origin-form as is, absolute-form reduced to
    /// its path and query, asterisk-form only for OPTIONS.
    static func makeTarget(_ target: UnsafeBufferPointer<UInt8>, method: HTTPMethod) throws(HTTPParseError) -> String {
        guard let first = target.first else { throw .invalidRequestLine }
        if first == ASCII.slash { return String(decoding: target, as: UTF8.self) }
        if first == ASCII.asterisk {
            guard target.count == 1, method == .options else { throw .invalidRequestLine }
            return "*"
        }
        // absolute-form: "http" or "https" "://" authority [path-abempty] ["?" query]
        guard let colon = target.firstIndex(of: ASCII.colon) else { throw .invalidRequestLine }
        let scheme = UnsafeBufferPointer(rebasing: target[0..<colon])
        guard ASCII.equalsIgnoringCase(scheme, "http") || ASCII.equalsIgnoringCase(scheme, "https"),
              target.count >= colon + 3, target[colon + 1] == ASCII.slash, target[colon + 2] == ASCII.slash
        else { throw .invalidRequestLine }
        let authorityStart = colon + 3
        var pathStart = authorityStart
        while pathStart < target.count && target[pathStart] != ASCII.slash && target[pathStart] != ASCII.question {
            // RFC 9110 §4.2.4: userinfo is not allowed in http(s) URIs.
            if target[pathStart] == UInt8(ascii: "@") { throw .invalidRequestLine }
            pathStart += 1
        }
        guard pathStart > authorityStart else { throw .invalidRequestLine }
        let rest = String(decoding: UnsafeBufferPointer(rebasing: target[pathStart...]), as: UTF8.self)
        if rest.isEmpty { return "/" }
        return rest.utf8.first == ASCII.question ? "/" + rest : rest
    }
}

/// The Content-Length field lines of a head, merged (RFC 9110 §8.6, RFC 9112 §6.3).
struct ContentLength {
    /// Longest accepted value, so the length always fits an Int.
    static let maxDigits = 18
    private(set) var isPresent = false
    private var isValid = true
    private var length: Int?

    /// The length, or nil if any value was malformed or the values differ.
    var value: Int? { isValid ? length : nil }

    /// Adds one field value: `1*DIGIT`, or a comma list of identical `1*DIGIT` values.
    mutating func add(_ value: UnsafeBufferPointer<UInt8>) {
        isPresent = true
        for element in value.split(separator: ASCII.comma, omittingEmptySubsequences: false) {
            var digits = element[...]
            while let first = digits.first, first == ASCII.space || first == ASCII.tab { digits.removeFirst() }
            while let last = digits.last, last == ASCII.space || last == ASCII.tab { digits.removeLast() }
            guard !digits.isEmpty, digits.count <= Self.maxDigits else { isValid = false; return }
            var number = 0
            for byte in digits {
                guard byte >= ASCII.zero && byte <= ASCII.zero + 9 else { isValid = false; return }
                number = number * 10 + Int(byte - ASCII.zero)
            }
            if let length, length != number { isValid = false; return }
            length = number
        }
    }
}

/// The transfer codings listed by Transfer-Encoding field lines, in order (RFC 9112 §6.1).
struct TransferCodings {
    private(set) var isPresent = false
    private(set) var count = 0
    private(set) var chunkedCount = 0
    private(set) var lastIsChunked = false
    private(set) var hasOtherCoding = false

    /// Adds one field value: a comma list of codings, each with optional parameters.
    mutating func add(_ value: UnsafeBufferPointer<UInt8>) {
        isPresent = true
        for element in value.split(separator: ASCII.comma) {
            var name = element.prefix { $0 != ASCII.semicolon }
            while let first = name.first, first == ASCII.space || first == ASCII.tab { name.removeFirst() }
            while let last = name.last, last == ASCII.space || last == ASCII.tab { name.removeLast() }
            // RFC 9110 §5.6.1: empty list elements are ignored.
            if name.isEmpty && element.allSatisfy({ $0 == ASCII.space || $0 == ASCII.tab }) { continue }
            count += 1
            lastIsChunked = ASCII.equalsIgnoringCase(UnsafeBufferPointer(rebasing: name), "chunked")
            if lastIsChunked { chunkedCount += 1 } else { hasOtherCoding = true }
        }
    }
}
