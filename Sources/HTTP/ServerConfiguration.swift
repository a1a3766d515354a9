import Foundation

/// Everything a `Server` needs to know besides its routes.
public struct ServerConfiguration: Sendable {
    /// Numeric IPv4 or IPv6 address to listen on.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks an ephemeral port, read back from `Server.port`.
    public var port = 8080
    public var limits = HTTPLimits()
    /// Open connections at most; at the cap the server stops accepting (see `Server`).
    public var maxConnections = 10_000
    /// Handlers running at once, at most (on Dispatch threads; see `WorkerPool`).
    public var workerCount = 64
    /// Threads for handlers of routes marked `RouteOptions.isBlocking`, started as needed.
    public var blockingThreadCount = 64
    /// Value of the `Server` header.
    public var serverName = "MotCua"
    /// One line per request on stderr.
    public var accessLog = true
    /// How long `shutdown()` lets in-flight requests finish before closing everything.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// Where spooled request bodies are written.
    public var spoolDirectory = NSTemporaryDirectory()
    /// The response the server itself writes for protocol errors (400, 408, 413, 414, 417,
    /// 431, 500, 501, 503, 505) before closing. The default is short plain text.
    public var protocolErrorResponse: @Sendable (_ status: Int) -> Response = { status in
        Response.text("\(status) \(ReasonPhrase.phrase(for: status))\n", status: status)
    }

    public init() {}
}
