/// Why a `multipart/form-data` body could not be read (RFC 7578, RFC 2046 §5.1).
public enum MultipartError: Error, Equatable, Sendable {
    /// Content-Type is not multipart/form-data with a valid boundary parameter (400).
    case invalidBoundary
    /// Bytes that break the multipart grammar: a bad delimiter line, a malformed part header
    /// field, a part without Content-Disposition: form-data (400).
    case malformed
    /// More parts than the limit (413).
    case tooManyParts
    /// A part's header section over the limit (413).
    case partHeaderTooLarge
    /// A part without a `name` parameter in its Content-Disposition (RFC 7578 §4.2) (400).
    case missingName
    /// A text field (a part without filename) over the field limit (413).
    case fieldTooLarge
    /// The body ended before the close delimiter (400).
    case truncated
    /// Reading the spooled body or writing a file part failed: the call and its errno (500).
    case fileSystem(call: String, errno: Int32)

    /// The response status for this error.
    public var status: Int {
        switch self {
        case .tooManyParts, .partHeaderTooLarge, .fieldTooLarge: 413
        case .fileSystem: 500
        default: 400
        }
    }
}
