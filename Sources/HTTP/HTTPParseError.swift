/// Why a request could not be parsed. Each case knows its status; after any of them the
/// connection answers with that status and `Connection: close`, then closes (RFC 9112 §11.2).
public enum HTTPParseError: Error, Equatable, Sendable {
    /// Request line over `maxRequestLineBytes` (414).
    case requestLineTooLong
    /// Header section over `maxHeaderBytes`, or trailers over `maxTrailerBytes` (431).
    case headerSectionTooLarge
    /// More than `maxHeaderCount` field lines (431).
    case tooManyHeaderFields
    /// Declared or accumulated body over the limit in force (413).
    case bodyTooLarge
    /// A version other than HTTP/1.0 or HTTP/1.1 (505).
    case unsupportedVersion
    /// A transfer coding other than chunked, or chunked applied to nothing (501).
    case unsupportedTransferCoding
    /// Malformed request line: method, target or version syntax (400).
    case invalidRequestLine
    /// Malformed field line: bad name token, bad value byte, missing colon (400).
    case invalidHeaderField
    /// Whitespace between a field name and the colon (RFC 9112 §5.1) (400).
    case whitespaceBeforeColon
    /// A field line continued by obs-fold (RFC 9112 §5.2) (400).
    case obsoleteLineFolding
    /// A CR not followed by LF, a NUL, or another forbidden control byte (400).
    case invalidControlCharacter
    /// Content-Length and Transfer-Encoding together, or Transfer-Encoding in an HTTP/1.0
    /// request, whose framing RFC 9112 §6.1 says to treat as faulty (400).
    case conflictingFraming
    /// Content-Length not 1*DIGIT, or repeated with differing values (RFC 9112 §6.3) (400).
    case invalidContentLength
    /// Transfer-Encoding whose final coding is not chunked in a request (RFC 9112 §6.3) (400).
    case chunkedNotFinal
    /// Chunk size not hex, too many digits, or a malformed chunk line or terminator (400).
    case invalidChunk
    /// HTTP/1.1 request without exactly one Host field (RFC 9112 §3.2) (400).
    case invalidHost

    /// The response status for this error.
    public var status: Int {
        switch self {
        case .requestLineTooLong: 414
        case .headerSectionTooLarge, .tooManyHeaderFields: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        default: 400
        }
    }
}
