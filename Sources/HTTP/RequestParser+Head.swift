/// Positions of the head scanner in the grammar (RFC 9112 §2.1, §3 and §5).
enum HeadState: UInt8, Sendable {
    /// Before a request line; empty lines (CRLF) may come first (RFC 9112 §2.2).
    case leadingStart
    /// After the CR of a leading empty line.
    case leadingLF
    case method
    case target
    case version
    /// After the CR that ends the request line.
    case requestLineLF
    /// At the start of a field line, or of the blank line that ends the section.
    case lineStart
    case name
    /// Whitespace after a field name: only an error remains possible.
    case nameWhitespace
    /// Optional whitespace before a field value.
    case valueStart
    case value
    /// After the CR that ends a field line.
    case lineLF
    /// After the CR of the blank line that ends the header section.
    case finalLF
}

/// Offsets, from the first byte of the method, of one field line's name and raw value
/// (value from its first non-OWS byte up to the CR; trailing OWS is trimmed when the head is built).
struct FieldSpan: Equatable, Sendable {
    var nameStart: Int
    var nameEnd: Int
    var valueStart: Int
    var valueEnd: Int
}

extension RequestParser {
    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one).
    static let maxLeadingEmptyLines = 4

    /// Scans head bytes; returns `.head` once the header section is complete and valid.
    mutating func parseHead(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: Event) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return (0, .needMore) }
        let p = base.assumingMemoryBound(to: UInt8.self)
        var start = 0
        while headState == .leadingStart || headState == .leadingLF {
            guard start < count else { return (count, .needMore) }
            let byte = p[start]
            if headState == .leadingLF {
                // A bare CR is never a line terminator (RFC 9112 §2.2).
                guard byte == ASCII.lf else { throw .invalidRequestLine }
                headState = .leadingStart
                start += 1
            } else if byte == ASCII.cr {
                guard leadingEmptyLines < Self.maxLeadingEmptyLines else { throw .invalidRequestLine }
                leadingEmptyLines += 1
                headState = .leadingLF
                start += 1
            } else {
                headState = .method
            }
        }
        guard let end = try scanHead(p, from: start, count: count) else {
            // Keep the partial head; the next call scans only the new bytes.
            headBuffer.append(contentsOf: UnsafeBufferPointer(start: p + start, count: count - start))
            return (count, .needMore)
        }
        let result: Result<(RequestHead, Framing), HTTPParseError>
        if headBuffer.isEmpty {
            result = makeHead(UnsafeBufferPointer(start: p + start, count: end - start))
        } else {
            headBuffer.append(contentsOf: UnsafeBufferPointer(start: p + start, count: end - start))
            let buffer = headBuffer
            result = buffer.withUnsafeBufferPointer { makeHead($0) }
        }
        let (head, messageFraming) = try result.get()
        framing = messageFraming
        phase = .headReturned(messageFraming)
        return (end, .head(head))
    }

    /// Runs the head state machine over `p[start..<count]`. Returns the index just past the LF
    /// of the blank line ending the header section, or nil when every byte was scanned.
    ///
    /// Limits are checked per byte: a request-line byte at offset `maxRequestLineBytes` or a
    /// field-section byte at offset `maxHeaderBytes` fails at once, whatever the split.
    private mutating func scanHead(_ p: UnsafePointer<UInt8>, from start: Int, count: Int) throws(HTTPParseError) -> Int? {
        let table = ByteTables.classes
        // Offsets count from the first byte of the method: offset = index + delta.
        let delta = headBuffer.count - start
        let lineLimit = limits.maxRequestLineBytes - delta
        var i = start
        scan: while i < count {
            switch headState {
            case .leadingStart, .leadingLF:
                headState = .method
            case .method:
                // RFC 9112 §3: method = token, then exactly one SP.
                let runEnd = min(count, lineLimit)
                while i < runEnd && table[Int(p[i])] & ByteTables.token != 0 { i += 1 }
                guard i < count else { break scan }
                if i >= lineLimit { throw .requestLineTooLong }
                guard p[i] == ASCII.space, i + delta > 0 else { throw .invalidRequestLine }
                methodEnd = i + delta
                targetStart = methodEnd + 1
                headState = .target
                i += 1
            case .target:
                let runEnd = min(count, lineLimit)
                while i < runEnd && table[Int(p[i])] & ByteTables.target != 0 { i += 1 }
                guard i < count else { break scan }
                if i >= lineLimit { throw .requestLineTooLong }
                guard p[i] == ASCII.space, i + delta > targetStart else { throw .invalidRequestLine }
                targetEnd = i + delta
                versionIndex = 0
                headState = .version
                i += 1
            case .version:
                let byte = p[i]
                if byte == ASCII.cr {
                    guard versionIndex == 8 else { throw .invalidRequestLine }
                    // RFC 9110 §6.2: a well-formed version we do not serve is a 505.
                    guard versionMajor == 1, versionMinor <= 1 else { throw .unsupportedVersion }
                    headState = .requestLineLF
                } else {
                    if i >= lineLimit { throw .requestLineTooLong }
                    try acceptVersionByte(byte)
                }
                i += 1
            case .requestLineLF:
                guard p[i] == ASCII.lf else { throw .invalidRequestLine }
                i += 1
                fieldsStart = i + delta
                headState = .lineStart
            case .lineStart:
                let byte = p[i]
                if byte == ASCII.cr {
                    headState = .finalLF
                    i += 1
                    continue scan
                }
                if i + delta - fieldsStart >= limits.maxHeaderBytes { throw .headerSectionTooLarge }
                if table[Int(byte)] & ByteTables.token != 0 {
                    guard fieldSpans.count < limits.maxHeaderCount else { throw .tooManyHeaderFields }
                    nameStart = i + delta
                    headState = .name
                    i += 1
                } else if byte == ASCII.space || byte == ASCII.tab {
                    // RFC 9112 §5.2: obs-fold is rejected (also whitespace before the first field, §2.2).
                    throw .obsoleteLineFolding
                } else if byte < 0x20 || byte == 0x7F {
                    throw .invalidControlCharacter
                } else {
                    throw .invalidHeaderField
                }
            case .name:
                let headerLimit = fieldsStart + limits.maxHeaderBytes - delta
                let runEnd = min(count, headerLimit)
                while i < runEnd && table[Int(p[i])] & ByteTables.token != 0 { i += 1 }
                guard i < count else { break scan }
                if i >= headerLimit { throw .headerSectionTooLarge }
                let byte = p[i]
                if byte == ASCII.colon {
                    nameEnd = i + delta
                    headState = .valueStart
                } else if byte == ASCII.space || byte == ASCII.tab {
                    headState = .nameWhitespace
                } else if byte == ASCII.cr || byte == ASCII.lf {
                    throw .invalidHeaderField  // a field line without a colon
                } else if byte < 0x20 || byte == 0x7F {
                    throw .invalidControlCharacter
                } else {
                    throw .invalidHeaderField
                }
                i += 1
            case .nameWhitespace:
                if i + delta - fieldsStart >= limits.maxHeaderBytes { throw .headerSectionTooLarge }
                let byte = p[i]
                // RFC 9112 §5.1: no whitespace is allowed between the field name and colon.
                if byte == ASCII.colon { throw .whitespaceBeforeColon }
                guard byte == ASCII.space || byte == ASCII.tab else { throw .invalidHeaderField }
                i += 1
            case .valueStart:
                let headerLimit = fieldsStart + limits.maxHeaderBytes - delta
                let runEnd = min(count, headerLimit)
                while i < runEnd && (p[i] == ASCII.space || p[i] == ASCII.tab) { i += 1 }
                guard i < count else { break scan }
                if i >= headerLimit { throw .headerSectionTooLarge }
                valueStart = i + delta
                headState = .value
            case .value:
                let headerLimit = fieldsStart + limits.maxHeaderBytes - delta
                let runEnd = min(count, headerLimit)
                while i < runEnd && table[Int(p[i])] & ByteTables.fieldValue != 0 { i += 1 }
                guard i < count else { break scan }
                if i >= headerLimit { throw .headerSectionTooLarge }
                // Anything but CR here is a CTL: NUL, bare LF, DEL and the like (RFC 9110 §5.5).
                guard p[i] == ASCII.cr else { throw .invalidControlCharacter }
                valueEnd = i + delta
                headState = .lineLF
                i += 1
            case .lineLF:
                if i + delta - fieldsStart >= limits.maxHeaderBytes { throw .headerSectionTooLarge }
                guard p[i] == ASCII.lf else { throw .invalidControlCharacter }  // bare CR
                fieldSpans.append(FieldSpan(nameStart: nameStart, nameEnd: nameEnd, valueStart: valueStart, valueEnd: valueEnd))
                headState = .lineStart
                i += 1
            case .finalLF:
                guard p[i] == ASCII.lf else { throw .invalidControlCharacter }  // bare CR
                return i + 1
            }
        }
        return nil
    }

    /// Checks one byte of `HTTP-version = "HTTP/" DIGIT "." DIGIT` (RFC 9112 §2.3).
    private mutating func acceptVersionByte(_ byte: UInt8) throws(HTTPParseError) {
        let prefix: StaticString = "HTTP/"
        switch versionIndex {
        case 0..<5:
            guard byte == prefix.utf8Start[versionIndex] else { throw .invalidRequestLine }
        case 5, 7:
            guard byte >= ASCII.zero && byte <= ASCII.zero + 9 else { throw .invalidRequestLine }
            if versionIndex == 5 { versionMajor = byte - ASCII.zero } else { versionMinor = byte - ASCII.zero }
        case 6:
            guard byte == ASCII.dot else { throw .invalidRequestLine }
        default:
            throw .invalidRequestLine
        }
        versionIndex += 1
    }
}
