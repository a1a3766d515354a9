/// Every size and time limit of the HTTP layer, in one value (compare SwiftNIO's
/// `NIOHTTPDecoderLimitConfiguration`). Checked as bytes arrive, never after the fact.
public struct HTTPLimits: Sendable {
    /// Request line, CRLF excluded; over it: 414.
    public var maxRequestLineBytes = 8 * 1024
    /// Header section (all field lines and their CRLFs); over it: 431.
    public var maxHeaderBytes = 32 * 1024
    /// Header field lines; over it: 431.
    public var maxHeaderCount = 100
    /// Default body limit; a route may raise or lower it (413 when exceeded).
    public var maxBodyBytes = 1024 * 1024
    /// Hex digits in a chunk size, so the size cannot overflow an Int.
    public var maxChunkSizeDigits = 15
    /// Bytes of trailer fields after the last chunk (431 beyond).
    public var maxTrailerBytes = 8 * 1024
    /// From the first byte of a request to the end of its header section (408).
    public var headerTimeout: Duration = .seconds(10)
    /// Longest wait for the next body bytes while a body is being read (408).
    public var bodyProgressTimeout: Duration = .seconds(30)
    /// Longest quiet time on a keep-alive connection between requests.
    public var idleTimeout: Duration = .seconds(30)

    public init() {}
}
