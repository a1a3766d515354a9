import HTTP
import TestSupport
import XCTest

/// Limits, protocol errors and timeouts, answered by the server itself over real sockets.
final class ServerLimitTests: XCTestCase {
    private var server: TestServer!
    private let handlerCalls = Locked(0)

    override func setUpWithError() throws {
        var router = Router()
        let calls = handlerCalls
        router.add(.get, "/healthz", options: RouteOptions(runsOnIOQueue: true)) { _ in .text("ok") }
        router.add(.post, "/small") { request in
            calls.withLock { $0 += 1 }
            return .text("small")
        }
        router.add(.post, "/upload", options: RouteOptions(maxBodyBytes: 64, spoolsBodyToDisk: true)) { request in
            guard case let .file(path, size) = request.body else { return .text("not spooled", status: 500) }
            let contents = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "missing"
            return .text("\(size):\(contents):\(path)")
        }
        router.add(.post, "/intake", options: RouteOptions(maxBodyBytes: 64, spoolsBodyToDisk: true, appliesToMultipartOnly: true)) { request in
            switch request.body {
            case .file(_, let size): return .text("spooled \(size)")
            case .bytes(let bytes): return .text("memory \(bytes.count)")
            case .empty: return .text("empty")
            }
        }
        server = try TestServer(router: router) { configuration in
            configuration.limits.maxBodyBytes = 16
            configuration.limits.headerTimeout = .milliseconds(300)
            configuration.limits.bodyProgressTimeout = .milliseconds(300)
            configuration.limits.idleTimeout = .milliseconds(300)
            configuration.protocolErrorResponse = { status in .text("{\"status\":\(status)}", contentType: "application/json") }
        }
    }

    override func tearDown() {
        server.stop()
    }

    func testDeclaredLengthOverTheRouteLimitIsAnswered413BeforeTheBody() throws {
        let client = try server.makeClient()
        // Only the head is sent: the answer must not wait for the 1,000,000 announced bytes.
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.text, "{\"status\":413}")
        XCTAssertEqual(response.headers["Content-Type"], "application/json")
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertEqual(handlerCalls.withLock { $0 }, 0)
    }

    func testExpect100ContinueOverTheLimitGets413WithoutContinue() throws {
        let client = try server.makeClient()
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 17\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 413)
    }

    func testRouteLimitRaisesTheDefaultAndSpoolsToATemporaryFile() throws {
        let client = try server.makeClient()
        let body = String(repeating: "x", count: 40)
        try client.send(TestServer.request("POST", "/upload", body: body))
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        let parts = response.text.split(separator: ":", maxSplits: 2).map(String.init)
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts.first, "40")
        XCTAssertEqual(parts.dropFirst().first, body)
        // Removed once the response was written; the next request on the connection proves it drained.
        try client.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertFalse(FileManager.default.fileExists(atPath: parts.last ?? ""))
    }

    /// A route that takes both JSON and uploads raises its limit and spools only multipart bodies.
    func testMultipartOnlyOptionsLeaveOtherBodiesInMemoryUnderTheDefaultLimit() throws {
        let client = try server.makeClient()
        let multipart = String(repeating: "m", count: 40)
        try client.send(TestServer.request("POST", "/intake", headers: [("Content-Type", "multipart/form-data; boundary=x")], body: multipart))
        XCTAssertEqual(try client.readResponse().text, "spooled 40")
        try client.send(TestServer.request("POST", "/intake", headers: [("Content-Type", "application/json")], body: "{\"a\":1}"))
        XCTAssertEqual(try client.readResponse().text, "memory 7")
        let other = try server.makeClient()
        try other.send("POST /intake HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n")
        XCTAssertEqual(try other.readResponse().status, 413, "JSON keeps the default 16-byte limit")
    }

    func testChunkedBodyOverTheLimitIs413() throws {
        let client = try server.makeClient()
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + String(repeating: "y", count: 32) + "\r\n0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 413)
        XCTAssertEqual(handlerCalls.withLock { $0 }, 0)
    }

    func testRequestLineOverTheLimitIs414() throws {
        let client = try server.makeClient()
        try client.send("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 414)
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testHeaderSectionOverTheLimitIs431() throws {
        let client = try server.makeClient()
        var request = "GET /healthz HTTP/1.1\r\nHost: t\r\n"
        for index in 0..<40 { request += "X-Filler-\(index): " + String(repeating: "z", count: 1000) + "\r\n" }
        try client.send(request + "\r\n")
        XCTAssertEqual(try client.readResponse().status, 431)
    }

    func testTooManyHeaderFieldsIs431() throws {
        let client = try server.makeClient()
        var request = "GET /healthz HTTP/1.1\r\nHost: t\r\n"
        for index in 0..<150 { request += "X-\(index): v\r\n" }
        try client.send(request + "\r\n")
        XCTAssertEqual(try client.readResponse().status, 431)
    }

    func testMalformedRequestIs400AndOtherClientsAreStillServed() throws {
        let bad = try server.makeClient()
        let good = try server.makeClient()
        try bad.send("GET /healthz HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n")
        let response = try bad.readResponse()
        XCTAssertEqual(response.status, 400)
        XCTAssertTrue(try bad.isClosedByPeer())
        try good.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try good.readResponse().text, "ok")
    }

    func testUnsupportedVersionIs505() throws {
        let client = try server.makeClient()
        try client.send("GET /healthz HTTP/2.0\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 505)
    }

    func testSilentClientGets408AfterTheHeaderTimeout() throws {
        let client = try server.makeClient()
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testSlowlorisHeadGets408WhileOthersAreServed() throws {
        let slow = try server.makeClient()
        try slow.send("GET /healthz HTTP/1.1\r\nHost: t\r\n")
        let fast = try server.makeClient()
        try fast.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try fast.readResponse().status, 200)
        try slow.send("X-A: 1\r\n")
        XCTAssertEqual(try slow.readResponse().status, 408)
    }

    func testStalledBodyGets408AfterTheProgressTimeout() throws {
        let client = try server.makeClient()
        try client.send("POST /small HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertEqual(handlerCalls.withLock { $0 }, 0)
    }

    func testIdleKeepAliveConnectionIsClosedSilently() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(try client.isClosedByPeer())
    }
}
