import Foundation

/// The body of a request as handed to a handler.
public enum RequestBody: Sendable {
    case empty
    /// The whole body in memory (routes with the default, buffered policy).
    case bytes([UInt8])
    /// The body spooled to a temporary file (routes that accept large uploads); the server
    /// removes the file after the response is written.
    case file(path: String, size: Int)
}

/// One parsed request with its body, as handed to a route handler.
public struct Request: Sendable {
    public var head: RequestHead
    public var body: RequestBody
    /// Values of the `{name}` segments of the matched route, percent-decoded.
    public var pathParameters: [String: String]
    /// The peer's address, for logs and throttling.
    public var remoteAddress: String

    public init(head: RequestHead, body: RequestBody = .empty, pathParameters: [String: String] = [:], remoteAddress: String = "") {
        self.head = head
        self.body = body
        self.pathParameters = pathParameters
        self.remoteAddress = remoteAddress
    }

    public var method: HTTPMethod { head.method }
    public var headers: HTTPHeaders { head.headers }
}
