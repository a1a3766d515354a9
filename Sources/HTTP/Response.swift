/// The body of a response.
public enum ResponseBody: Sendable {
    case empty
    case bytes([UInt8])
    /// A whole file, sent with Content-Length.
    case file(path: String, size: Int)
    /// Chunked transfer coding: the closure is called repeatedly (off the I/O queue) and each
    /// non-empty array is one chunk; nil ends the body.
    case chunked(@Sendable () throws -> [UInt8]?)
}

/// A response: status, header fields and body. `Date`, `Server`, `Content-Length` or
/// `Transfer-Encoding` and `Connection` are added by the server when it writes.
public struct Response: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ResponseBody

    public init(status: Int = 200, headers: HTTPHeaders = HTTPHeaders(), body: ResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A UTF-8 text response with the given content type.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: ["Content-Type": contentType], body: .bytes(Array(text.utf8)))
    }
}
