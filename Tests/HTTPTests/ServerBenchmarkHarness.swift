import Foundation
import HTTP
import TestSupport
import XCTest

/// Not a test: serves a fixed set of routes for an external load generator (wrk) when
/// `MOTCUA_BENCH_SECONDS` is set, and is skipped otherwise. Speed is measured by benchmarks,
/// never by timed unit tests.
final class ServerBenchmarkHarness: XCTestCase {
    func testServeForAnExternalBenchmark() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let seconds = environment["MOTCUA_BENCH_SECONDS"].flatMap(Int.init) else {
            throw XCTSkip("set MOTCUA_BENCH_SECONDS (and MOTCUA_BENCH_PORT) to serve for a benchmark")
        }
        let directory = NSTemporaryDirectory() + "/motcua-bench-static"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(repeating: 0x61, count: 20_000).write(to: URL(fileURLWithPath: directory + "/app.css"))
        let files = StaticFiles(root: directory)
        var router = Router()
        router.add(.get, "/healthz", options: RouteOptions(runsOnIOQueue: true)) { _ in
            Response(headers: ["Content-Type": "application/json"], body: .bytes(Array("{\"status\":\"ok\"}".utf8)))
        }
        router.add(.get, "/pooled") { _ in .text("ok") }
        router.add(.get, "/static/{path...}", options: RouteOptions(runsOnIOQueue: true)) { request in
            files.respond(to: request, path: request.pathParameters["path"] ?? "")
        }
        var configuration = ServerConfiguration()
        configuration.port = environment["MOTCUA_BENCH_PORT"].flatMap(Int.init) ?? 8089
        configuration.accessLog = environment["MOTCUA_BENCH_LOG"] == "1"
        let server = Server(configuration: configuration, router: router)
        try server.start()
        Thread.sleep(forTimeInterval: TimeInterval(seconds))
        server.shutdown()
        server.waitUntilStopped()
    }
}
