/// Where the chunked-body scanner is (RFC 9112 §7.1).
struct ChunkedState: Equatable, Sendable {
    enum Position: UInt8, Sendable {
        case size
        /// BWS after the size; only a chunk extension may follow.
        case sizeWhitespace
        case chunkExtension
        case sizeLF
        case data
        case dataCR
        case dataLF
        case trailerLineStart
        case trailerName
        case trailerNameWhitespace
        case trailerValue
        case trailerLF
        case trailerFinalLF
    }

    var position: Position = .size
    /// Hex digits of the current chunk size.
    var digits = 0
    /// The chunk size being read, then the data bytes still due in the chunk.
    var size = 0
    /// Body bytes of the chunks already announced.
    var total = 0
    var extensionBytes = 0
    var trailerBytes = 0
    var trailerCount = 0
}

extension RequestParser {
    /// Bytes of chunk extensions accepted on one chunk line; they are ignored, but bounded.
    static let maxChunkExtensionBytes = 4096

    /// Scans chunk lines and trailers; returns each chunk's data as a `.body` range.
    mutating func parseChunked(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: Event) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return (0, .needMore) }
        let p = base.assumingMemoryBound(to: UInt8.self)
        let table = ByteTables.classes
        var i = 0
        while i < count {
            let byte = p[i]
            switch chunked.position {
            case .size:
                if table[Int(byte)] & ByteTables.hexDigit != 0 {
                    // The digit cap keeps the size far from overflow.
                    guard chunked.digits < limits.maxChunkSizeDigits else { throw .invalidChunk }
                    chunked.digits += 1
                    let (shifted, overflow) = chunked.size.multipliedReportingOverflow(by: 16)
                    guard !overflow else { throw .invalidChunk }
                    chunked.size = shifted + ASCII.hexValue(byte)
                    // The size only grows with more digits: refuse as soon as it is too big.
                    if chunked.size > bodyLimit - chunked.total { throw .bodyTooLarge }
                } else {
                    guard chunked.digits > 0 else { throw .invalidChunk }
                    switch byte {
                    case ASCII.cr: chunked.position = .sizeLF
                    case ASCII.semicolon: chunked.position = .chunkExtension
                    case ASCII.space, ASCII.tab: chunked.position = .sizeWhitespace
                    default: throw .invalidChunk
                    }
                }
            case .sizeWhitespace:
                switch byte {
                case ASCII.space, ASCII.tab: break
                case ASCII.semicolon: chunked.position = .chunkExtension
                default: throw .invalidChunk
                }
            case .chunkExtension:
                // RFC 9112 §7.1.1: extensions are ignored; only their bytes are checked.
                if byte == ASCII.cr {
                    chunked.position = .sizeLF
                } else {
                    guard table[Int(byte)] & ByteTables.fieldValue != 0 else { throw .invalidChunk }
                    chunked.extensionBytes += 1
                    guard chunked.extensionBytes <= Self.maxChunkExtensionBytes else { throw .invalidChunk }
                }
            case .sizeLF:
                guard byte == ASCII.lf else { throw .invalidChunk }
                chunked.total += chunked.size
                chunked.digits = 0
                chunked.extensionBytes = 0
                chunked.position = chunked.size == 0 ? .trailerLineStart : .data
            case .data:
                let available = min(chunked.size, count - i)
                chunked.size -= available
                if chunked.size == 0 { chunked.position = .dataCR }
                return (i + available, .body(i..<(i + available)))
            case .dataCR:
                guard byte == ASCII.cr else { throw .invalidChunk }
                chunked.position = .dataLF
            case .dataLF:
                guard byte == ASCII.lf else { throw .invalidChunk }
                chunked.position = .size
            case .trailerFinalLF:
                guard byte == ASCII.lf else { throw .invalidControlCharacter }
                resetForNextMessage()
                return (i + 1, .end)
            default:
                try scanTrailerByte(byte, table: table)
            }
            i += 1
        }
        return (count, .needMore)
    }

    /// Validates one byte of the trailer section like a header field line (RFC 9112 §7.1.2);
    /// trailer fields are then discarded.
    private mutating func scanTrailerByte(_ byte: UInt8, table: [UInt8]) throws(HTTPParseError) {
        if chunked.position == .trailerLineStart && byte == ASCII.cr {
            chunked.position = .trailerFinalLF
            return
        }
        guard chunked.trailerBytes < limits.maxTrailerBytes else { throw .headerSectionTooLarge }
        chunked.trailerBytes += 1
        let isToken = table[Int(byte)] & ByteTables.token != 0
        let isControl = (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F
        switch chunked.position {
        case .trailerLineStart:
            if isToken {
                guard chunked.trailerCount < limits.maxHeaderCount else { throw .tooManyHeaderFields }
                chunked.trailerCount += 1
                chunked.position = .trailerName
            } else if byte == ASCII.space || byte == ASCII.tab {
                throw .obsoleteLineFolding
            } else {
                throw isControl ? .invalidControlCharacter : .invalidHeaderField
            }
        case .trailerName:
            if isToken { return }
            switch byte {
            case ASCII.colon: chunked.position = .trailerValue
            case ASCII.space, ASCII.tab: chunked.position = .trailerNameWhitespace
            case ASCII.cr, ASCII.lf: throw .invalidHeaderField
            default: throw isControl ? .invalidControlCharacter : .invalidHeaderField
            }
        case .trailerNameWhitespace:
            if byte == ASCII.colon { throw .whitespaceBeforeColon }
            guard byte == ASCII.space || byte == ASCII.tab else { throw .invalidHeaderField }
        case .trailerValue:
            if byte == ASCII.cr {
                chunked.position = .trailerLF
            } else if table[Int(byte)] & ByteTables.fieldValue == 0 {
                throw .invalidControlCharacter
            }
        case .trailerLF:
            guard byte == ASCII.lf else { throw .invalidControlCharacter }
            chunked.position = .trailerLineStart
        default:
            preconditionFailure("scanTrailerByte called outside the trailer section")
        }
    }
}
