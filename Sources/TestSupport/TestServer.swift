import Foundation
import HTTP

/// A real `Server` on 127.0.0.1 with an ephemeral port, for integration tests.
/// `start` returns once the socket listens, so no test ever waits for readiness.
public final class TestServer {
    public let server: Server
    public var port: Int { server.port }

    /// Test defaults: port 0, no access log, 4 workers and 4 blocking threads, a 2-second grace period.
    public static func configuration() -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.accessLog = false
        configuration.workerCount = 4
        configuration.blockingThreadCount = 4
        configuration.shutdownGracePeriod = .seconds(2)
        return configuration
    }

    public init(router: Router, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = Self.configuration()
        configure(&configuration)
        server = Server(configuration: configuration, router: router)
        try server.start()
    }

    public func makeClient(timeout: Duration = .seconds(10)) throws -> RawHTTPClient {
        try RawHTTPClient(port: port, timeout: timeout)
    }

    /// Shuts down and waits until every connection is closed.
    public func stop() {
        server.shutdown()
        server.waitUntilStopped()
    }

    /// A request with `Host` and, for a body, `Content-Length`.
    public static func request(
        _ method: String = "GET", _ target: String, headers: [(String, String)] = [], body: String? = nil, version: String = "HTTP/1.1"
    ) -> String {
        var text = "\(method) \(target) \(version)\r\nHost: test\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        if let body { text += "Content-Length: \(body.utf8.count)\r\n" }
        text += "\r\n"
        if let body { text += body }
        return text
    }
}
