import Foundation
import HTTP
import TestSupport
import XCTest

/// Graceful shutdown and the connection cap.
final class ServerShutdownTests: XCTestCase {
    private let started = DispatchSemaphore(value: 0)
    private let release = DispatchSemaphore(value: 0)

    private func makeRouter() -> Router {
        var router = Router()
        let started = started, release = release
        router.add(.get, "/healthz") { _ in .text("ok") }
        router.add(.get, "/slow") { _ in
            started.signal()
            release.wait()
            return .text("finished")
        }
        return router
    }

    func testRequestInFlightAtShutdownStillGetsItsResponse() throws {
        let server = try TestServer(router: makeRouter())
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/slow"))
        started.wait()
        server.server.shutdown()
        release.signal()
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "finished")
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
        client.close()  // ends the server's linger at once
        server.server.waitUntilStopped()
    }

    func testAStoppedServerHasClosedEveryDescriptorItOpened() throws {
        func openDescriptors() throws -> Int { try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count }
        let before = try openDescriptors()
        let server = try TestServer(router: makeRouter()) { $0.ioQueueCount = 3 }
        let clients = try (0..<4).map { _ in try server.makeClient() }
        for client in clients {
            try client.send(TestServer.request("GET", "/healthz"))
            XCTAssertEqual(try client.readResponse().text, "ok")
        }
        XCTAssertGreaterThanOrEqual(try openDescriptors(), before + 1 + 3 + 2 * clients.count)
        for client in clients { client.close() }
        server.stop()
        // Earlier tests' servers may still be closing theirs, so fewer is fine; more is a leak.
        XCTAssertLessThanOrEqual(try openDescriptors(), before)
    }

    func testIdleKeepAliveConnectionsCloseAndNewOnesAreRefused() throws {
        let server = try TestServer(router: makeRouter())
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try client.readResponse().status, 200)
        let port = server.port
        server.stop()
        XCTAssertTrue(try client.isClosedByPeer())
        XCTAssertThrowsError(try RawHTTPClient(port: port)) { error in
            XCTAssertEqual(error as? RawHTTPClientError, .socketFailed(call: "connect", errno: ECONNREFUSED))
        }
    }

    func testHandlerOverTheGracePeriodIsCutOffAndShutdownCompletes() throws {
        let server = try TestServer(router: makeRouter()) { $0.shutdownGracePeriod = .milliseconds(200) }
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/slow"))
        started.wait()
        server.stop()
        XCTAssertTrue(try client.isClosedByPeer())
        release.signal()
    }

    func testOverTheConnectionCapANewClientIsRefusedWith503AndRetryAfter() throws {
        let server = try TestServer(router: makeRouter()) { $0.maxConnections = 1 }
        defer { server.stop() }
        var first: RawHTTPClient? = try server.makeClient()
        try first?.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try first?.readResponse().status, 200)
        let second = try server.makeClient()
        let refused = try second.readResponse()
        XCTAssertEqual(refused.status, 503)
        XCTAssertEqual(refused.headers["Retry-After"], "5")
        XCTAssertEqual(refused.headers["Connection"], "close")
        XCTAssertTrue(try second.isClosedByPeer())
        first = nil  // closes the first connection and frees its slot
        var status: Int?
        // The slot frees once the server has seen the close; until then a try may be refused.
        for _ in 0..<200 where status != 200 {
            guard let third = try? server.makeClient() else { continue }
            if (try? third.send(TestServer.request("GET", "/healthz"))) != nil {
                status = (try? third.readResponse())?.status
            }
            if status != 200 { usleep(5_000) }
        }
        XCTAssertEqual(status, 200)
    }
}

extension ServerShutdownTests {
    /// A reset mid-request frees the slot at once, not at the header timeout (10 s).
    func testClientsThatResetMidRequestFreeTheirSlotsAtOnce() throws {
        let server = try TestServer(router: makeRouter()) { $0.maxConnections = 3 }
        defer { server.stop() }
        for _ in 0..<3 {
            let client = try server.makeClient()
            try client.send("GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Le")
            usleep(20_000)  // let the server read the partial head before the reset
            client.reset()
        }
        var status: Int?
        let deadline = DispatchTime.now().uptimeNanoseconds + 3_000_000_000
        while status != 200, DispatchTime.now().uptimeNanoseconds < deadline {
            if let client = try? server.makeClient(), (try? client.send(TestServer.request("GET", "/healthz"))) != nil {
                status = (try? client.readResponse())?.status
            }
            if status != 200 { usleep(10_000) }  // also after a refused connect, so the loop never spins
        }
        XCTAssertEqual(status, 200, "a slot should free well before the 10 s header timeout")
    }

    func testPortInUseFailsWithTheBindErrno() throws {
        let first = try TestServer(router: Router())
        defer { first.stop() }
        var configuration = TestServer.configuration()
        configuration.port = first.port
        let second = Server(configuration: configuration, router: Router())
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? SocketError, .failed(call: "bind", errno: EADDRINUSE))
        }
        second.waitUntilStopped()  // never started: returns at once
    }
}
