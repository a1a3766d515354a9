/// Per-route policy, decided from the request head before any body byte is read.
public struct RouteOptions: Sendable {
    /// Body limit for this route; nil means `HTTPLimits.maxBodyBytes` (1 MiB). Uploads raise it.
    public var maxBodyBytes: Int?
    /// Stream the body to a temporary file in `ServerConfiguration.spoolDirectory` and hand the
    /// handler `RequestBody.file`; the file is removed after the response is written.
    public var spoolsBodyToDisk: Bool
    /// Run the handler inline on the connection's queue, with no thread hop. Only for trivial,
    /// non-blocking handlers (health checks, cached static files).
    public var runsOnIOQueue: Bool
    /// The handler mostly waits rather than computes (a durable write waiting for its group
    /// commit): it runs on `ServerConfiguration.blockingThreadCount` dedicated threads instead
    /// of Dispatch's, so that many can wait at once from the first request
    /// (see `BlockingThreadPool`).
    public var isBlocking: Bool

    public init(maxBodyBytes: Int? = nil, spoolsBodyToDisk: Bool = false, runsOnIOQueue: Bool = false,
                isBlocking: Bool = false) {
        self.maxBodyBytes = maxBodyBytes
        self.spoolsBodyToDisk = spoolsBodyToDisk
        self.runsOnIOQueue = runsOnIOQueue
        self.isBlocking = isBlocking
    }
}
