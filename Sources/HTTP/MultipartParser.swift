/// An incremental `multipart/form-data` parser (RFC 7578, RFC 2046 §5.1): a value fed bytes in
/// any split, yielding each part's header fields, its data, and its end.
///
/// Only a bounded tail is kept between calls: at most a delimiter's length while in part
/// data, or one part header section. A delimiter is recognised only as CRLF "--" boundary,
/// so data holding `--boundary` without the CRLF before it is data. The same input gives the
/// same events however it is split (data may come in different slices).
public struct MultipartParser: Sendable {
    /// What the bytes fed so far produced, in order.
    public enum Event: Sendable {
        /// A new part begins with these header fields.
        case partHead(headers: HTTPHeaders)
        /// Bytes of the current part's content.
        case partData([UInt8])
        /// The current part is complete.
        case partEnd
        /// The close delimiter was read; later bytes (the epilogue) are ignored.
        case end
    }

    private enum State: Sendable {
        /// Before the first delimiter; bytes are ignored (RFC 2046 §5.1.1).
        case preamble
        /// Right after a delimiter: "--" closes, anything else starts a part.
        case afterDelimiter
        /// transport-padding and the CRLF that end a delimiter line.
        case delimiterLineEnd
        case partHeaders
        case partData
        case epilogue
    }

    /// Bytes of one part's header section, blank line included; over it: `.partHeaderTooLarge`.
    public let maxPartHeaderBytes: Int
    /// Parts in one body; over it: `.tooManyParts`.
    public let maxParts: Int

    /// CRLF "--" boundary (RFC 2046 §5.1.1).
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes not yet consumed, kept between calls.
    private var pending: [UInt8]
    private var partCount = 0
    /// Bytes of the current part header section already searched for its blank line.
    private var headerBytesScanned = 0
    private var failure: MultipartError?

    /// A parser for `boundary` (as returned by `boundary(fromContentType:)`).
    public init(boundary: String, maxPartHeaderBytes: Int = 8 * 1024, maxParts: Int = 1000) {
        self.maxPartHeaderBytes = maxPartHeaderBytes
        self.maxParts = maxParts
        delimiter = Array("\r\n--\(boundary)".utf8)
        // The first dash-boundary may open the body with no CRLF before it: parse as if the
        // body started with one.
        pending = [ASCII.cr, ASCII.lf]
    }

    /// Parses `bytes` after everything fed before. After a thrown error every call throws it.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) throws(MultipartError) -> [Event] {
        if let failure { throw failure }
        pending.append(contentsOf: bytes)
        return try processPending()
    }

    /// Parses the bytes of `bytes` after everything fed before.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(MultipartError) -> [Event] {
        if let failure { throw failure }
        pending.append(contentsOf: bytes)
        return try processPending()
    }

    private mutating func processPending() throws(MultipartError) -> [Event] {
        var events: [Event] = []
        do {
            try process(into: &events)
        } catch {
            failure = error
            throw error
        }
        return events
    }

    /// Confirms that the body ended with its close delimiter; throws `.truncated` otherwise.
    public func finish() throws(MultipartError) {
        if let failure { throw failure }
        guard state == .epilogue else { throw .truncated }
    }

    private mutating func process(into events: inout [Event]) throws(MultipartError) {
        var position = 0
        defer { pending.removeFirst(position) }
        scanning: while true {
            switch state {
            case .preamble, .partData:
                if let found = Self.find(delimiter, in: pending, from: position) {
                    if state == .partData {
                        if found > position { events.append(.partData(Array(pending[position..<found]))) }
                        events.append(.partEnd)
                    }
                    position = found + delimiter.count
                    state = .afterDelimiter
                } else {
                    // Keep a tail that could be the start of a delimiter split across calls.
                    let safe = max(position, pending.count - (delimiter.count - 1))
                    if state == .partData && safe > position { events.append(.partData(Array(pending[position..<safe]))) }
                    position = safe
                    break scanning
                }
            case .afterDelimiter:
                guard pending.count - position >= 2 else { break scanning }
                if pending[position] == UInt8(ascii: "-") && pending[position + 1] == UInt8(ascii: "-") {
                    position += 2
                    state = .epilogue
                    events.append(.end)
                } else {
                    state = .delimiterLineEnd
                }
            case .delimiterLineEnd:
                while position < pending.count && (pending[position] == ASCII.space || pending[position] == ASCII.tab) {
                    position += 1
                }
                guard pending.count - position >= 2 else { break scanning }
                guard pending[position] == ASCII.cr && pending[position + 1] == ASCII.lf else { throw .malformed }
                position += 2
                guard partCount < maxParts else { throw .tooManyParts }
                partCount += 1
                state = .partHeaders
            case .partHeaders:
                guard let end = Self.headerSectionEnd(in: pending, from: position, skipping: headerBytesScanned) else {
                    guard pending.count - position < maxPartHeaderBytes else { throw .partHeaderTooLarge }
                    headerBytesScanned = pending.count - position
                    break scanning
                }
                headerBytesScanned = 0
                guard end - position <= maxPartHeaderBytes else { throw .partHeaderTooLarge }
                let headers = try Self.parsePartHeaders(pending[position..<end])
                events.append(.partHead(headers: headers))
                position = end
                state = .partData
            case .epilogue:
                position = pending.count
                break scanning
            }
        }
    }

    /// The index just past the blank line that ends a header section starting at `start`;
    /// the first `scanned` bytes were searched before, so only their last three are searched again.
    private static func headerSectionEnd(in bytes: [UInt8], from start: Int, skipping scanned: Int) -> Int? {
        if bytes.count - start >= 2 && bytes[start] == ASCII.cr && bytes[start + 1] == ASCII.lf { return start + 2 }
        let from = start + max(0, scanned - 3)
        return find([ASCII.cr, ASCII.lf, ASCII.cr, ASCII.lf], in: bytes, from: from).map { $0 + 4 }
    }

    /// The first index at or after `start` where `needle` occurs whole in `bytes`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count - start >= needle.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first {
                var matched = 1
                while matched < needle.count && bytes[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }
}
