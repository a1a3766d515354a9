import Foundation
import HTTP
import TestSupport
import XCTest

/// Handlers run on a bounded pool, off the connection queues.
final class WorkerPoolTests: XCTestCase {
    func testBusyWorkersDoNotBlockIOQueueRoutesAndQueuedWorkRunsLater() throws {
        let release = DispatchSemaphore(value: 0)
        let running = Locked(0)
        let peak = Locked(0)
        var router = Router()
        router.add(.get, "/busy") { _ in
            let now = running.withLock { $0 += 1; return $0 }
            peak.withLock { $0 = max($0, now) }
            release.wait()
            running.withLock { $0 -= 1 }
            return .text("done")
        }
        router.add(.get, "/healthz", options: RouteOptions(runsOnIOQueue: true)) { _ in .text("ok") }
        let server = try TestServer(router: router) { $0.workerCount = 16 }
        defer { server.stop() }
        let busy = try (0..<17).map { _ in try server.makeClient() }
        for client in busy { try client.send(TestServer.request("GET", "/busy")) }
        // Both workers are taken (or about to be); the I/O-queue route still answers.
        let probe = try server.makeClient()
        try probe.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try probe.readResponse().text, "ok")
        for _ in 0..<17 { release.signal() }
        for client in busy { XCTAssertEqual(try client.readResponse().text, "done") }
        XCTAssertLessThanOrEqual(peak.withLock { $0 }, 16)
    }
}
