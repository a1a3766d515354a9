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
    /// `maxBodyBytes` and `spoolsBodyToDisk` apply only to a `multipart/form-data` body; any
    /// other body on the route keeps the default limit and is read into memory (a route that
    /// takes both JSON and uploads).
    public var appliesToMultipartOnly: Bool

    public init(maxBodyBytes: Int? = nil, spoolsBodyToDisk: Bool = false, runsOnIOQueue: Bool = false,
                isBlocking: Bool = false, appliesToMultipartOnly: Bool = false) {
        self.maxBodyBytes = maxBodyBytes
        self.spoolsBodyToDisk = spoolsBodyToDisk
        self.runsOnIOQueue = runsOnIOQueue
        self.isBlocking = isBlocking
        self.appliesToMultipartOnly = appliesToMultipartOnly
    }

    /// The options that hold for a request with this `Content-Type`.
    public func effective(contentType: String?) -> RouteOptions {
        guard appliesToMultipartOnly else { return self }
        let isMultipart = contentType.map { $0.lowercased().hasPrefix("multipart/form-data") } ?? false
        if isMultipart { return self }
        var plain = self
        plain.maxBodyBytes = nil
        plain.spoolsBodyToDisk = false
        return plain
    }
}
