/// An incremental HTTP/1.1 request parser: a state machine fed bytes in any split, with no I/O.
///
/// The connection owns the socket and the buffer; it calls `parse(_:)` with the unread bytes
/// and advances by `consumed`. The same input gives the same events however it is split.
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

    /// Parses from the start of `bytes`. Returns how many bytes were consumed and the event.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> (consumed: Int, event: Event) {
        fatalError("RequestParser.parse: not implemented yet")
    }
}

extension RequestHead: Equatable {
    public static func == (lhs: RequestHead, rhs: RequestHead) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.version == rhs.version
            && lhs.headers.fields.map(\.name) == rhs.headers.fields.map(\.name)
            && lhs.headers.fields.map(\.value) == rhs.headers.fields.map(\.value)
    }
}
