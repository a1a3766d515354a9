/// An incremental HTTP/1.1 request parser: a state machine fed bytes in any split, with no I/O.
///
/// The connection owns the socket and the buffer; it calls `parse(_:)` with the unread bytes
/// and advances by `consumed`. The same input gives the same events however it is split.
///
/// Every message yields `.head`, then zero or more `.body`, then `.end`; after `.end` the
/// parser is reset and the caller passes the bytes that follow (pipelining, RFC 9112 §9.3.2).
/// Nothing is rescanned: the head scanner keeps its state and the offsets of what it has
/// seen, and copies a partial head aside only when a call ends in the middle of it.
/// After a thrown error the parser is dead: every later call throws the same error.
public struct RequestParser: Sendable {
    /// What one call to `parse(_:)` produced.
    public enum Event: Equatable, Sendable {
        /// Nothing complete in the bytes given; everything passed was consumed (buffered or
        /// scanned) and more input is needed.
        case needMore
        /// A complete, validated request head.
        case head(RequestHead)
        /// Body bytes: the range, within the buffer passed in, of decoded body data.
        case body(Range<Int>)
        /// The end of the current message; the parser is ready for the next request.
        case end
    }

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
        self.bodyLimit = limits.maxBodyBytes
    }

    public let limits: HTTPLimits

    /// Body limit for the message whose head was just returned. The connection may change it
    /// after `.head` (per-route limit); the next `parse` then throws `.bodyTooLarge` at once if
    /// the declared Content-Length exceeds it, before consuming any body byte.
    public var bodyLimit: Int

    // MARK: - State

    /// How the body of a message is delimited (RFC 9112 §6.3).
    public enum Framing: Equatable, Sendable {
        /// No body: neither Content-Length nor Transfer-Encoding.
        case none
        /// Content-Length bytes.
        case length(Int)
        /// Chunked transfer coding; the length is known only at the end.
        case chunked
    }

    /// The framing of the message whose head was returned last, until its `.end`. Lets the
    /// connection decide before any body byte, e.g. whether to answer `Expect: 100-continue`
    /// or to spool a large body to disk.
    public internal(set) var framing: Framing = .none

    /// Where the parser is within the current message.
    enum Phase: Equatable, Sendable {
        /// Reading the request line and field lines.
        case head
        /// `.head` was returned; the next call checks `bodyLimit` against the framing.
        case headReturned(Framing)
        /// Reading a Content-Length body; `remaining` bytes are still due.
        case fixedBody(remaining: Int)
        /// Reading a chunked body (see `ChunkedState`).
        case chunked
        /// Body complete; the next call returns `.end`.
        case bodyDone
    }

    /// Whether bytes of a request have been consumed since the last `.end` (or the start),
    /// empty lines before a request aside. At EOF it tells a clean close between requests
    /// from a truncated request; it also tells the header timeout from the idle timeout.
    public var isMidMessage: Bool {
        !(phase == .head && headState == .leadingStart && headBuffer.isEmpty)
    }

    var phase: Phase = .head
    /// The first error thrown; once set, every call throws it again.
    var failure: HTTPParseError?

    // Head scanning (see RequestParser+Head.swift).
    var headState: HeadState = .leadingStart
    var leadingEmptyLines = 0
    /// Head bytes copied aside by earlier calls, from the first byte of the method.
    var headBuffer: [UInt8] = []
    var methodEnd = 0
    var targetStart = 0
    var targetEnd = 0
    var versionIndex = 0
    var versionMinor: UInt8 = 0
    var versionMajor: UInt8 = 0
    var fieldsStart = 0
    var nameStart = 0
    var nameEnd = 0
    var valueStart = 0
    var valueEnd = 0
    /// Offsets (from the start of the head) of every complete field line so far.
    var fieldSpans: [FieldSpan] = []

    // Chunked body scanning (see RequestParser+Chunked.swift).
    var chunked = ChunkedState()

    // MARK: - Parsing

    /// Parses from the start of `bytes`. Returns how many bytes were consumed and the event.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: Event) {
        if let failure { throw failure }
        do {
            return try step(bytes)
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func step(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: Event) {
        switch phase {
        case .head:
            return try parseHead(bytes)
        case .headReturned(let framing):
            switch framing {
            case .none:
                phase = .bodyDone
            case .length(let length):
                // The declared length is checked against the limit in force now, so a route
                // can lower or raise it after `.head` and be refused before any body byte.
                guard length <= bodyLimit else { throw .bodyTooLarge }
                phase = length == 0 ? .bodyDone : .fixedBody(remaining: length)
            case .chunked:
                chunked = ChunkedState()
                phase = .chunked
            }
            return try step(bytes)
        case .fixedBody(let remaining):
            let available = min(remaining, bytes.count)
            guard available > 0 else { return (0, .needMore) }
            phase = remaining == available ? .bodyDone : .fixedBody(remaining: remaining - available)
            return (available, .body(0..<available))
        case .chunked:
            return try parseChunked(bytes)
        case .bodyDone:
            resetForNextMessage()
            return (0, .end)
        }
    }

    /// Forgets the finished message and prepares for the next request line.
    mutating func resetForNextMessage() {
        phase = .head
        framing = .none
        headState = .leadingStart
        leadingEmptyLines = 0
        // Keep a small buffer for the next partial head; give back a large one.
        if headBuffer.capacity > 4096 { headBuffer = [] } else { headBuffer.removeAll(keepingCapacity: true) }
        fieldSpans.removeAll(keepingCapacity: true)
        bodyLimit = limits.maxBodyBytes
    }
}

extension RequestHead: Equatable {
    public static func == (lhs: RequestHead, rhs: RequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
            && lhs.headers.fields.map(\.name) == rhs.headers.fields.map(\.name)
            && lhs.headers.fields.map(\.value) == rhs.headers.fields.map(\.value)
    }
}
