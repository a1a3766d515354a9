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
    /// Serial queues that all connection code runs on (see `ServerContext`): half the cores,
    /// at least one, leaving the other half to handlers and SQLite.
    ///
    /// On the 2-core bench machine one queue instead of two kept the same requests/s and cut
    /// p99 on `/healthz` from 8–20 ms to 5–6 ms and on a 20 KB static file from 22–28 ms to
    /// 6–9 ms (BENCHMARKS.md): with fewer threads taking turns, each turn of the I/O thread
    /// serves more ready connections, and fewer requests wait for a descheduled thread. With the
    /// `SocketPoller` two queues gave 11 % more `/healthz` requests/s but fewer dossier GETs with
    /// a worse p99 (two rounds each), so one per two cores stays.
    public var ioQueueCount = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
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
