import Foundation
import HTTP
import TestSupport
import XCTest

/// Connection reuse, HTTP/1.0, pipelining and request bodies over real sockets.
final class ServerKeepAliveTests: XCTestCase {
    private var server: TestServer!

    override func setUpWithError() throws {
        var router = Router()
        router.add(.get, "/healthz", options: RouteOptions(runsOnIOQueue: true)) { _ in .text("ok") }
        router.add(.get, "/hello/{name}") { request in .text("hello \(request.pathParameters["name"] ?? "?")") }
        router.add(.get, "/slow") { _ in
            Thread.sleep(forTimeInterval: 0.2)
            return .text("slow")
        }
        router.add(.post, "/echo") { request in
            switch request.body {
            case .empty: return .text("empty")
            case let .bytes(bytes): return Response(status: 200, body: .bytes(bytes))
            case let .file(path, size): return .text("file \(size) \(path)")
            }
        }
        server = try TestServer(router: router)
    }

    override func tearDown() {
        server.stop()
    }

    func testTwoRequestsShareOneHTTP11Connection() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz"))
        let first = try client.readResponse()
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.text, "ok")
        XCTAssertNil(first.headers["Connection"])
        XCTAssertEqual(first.headers["Server"], "MotCua")
        XCTAssertEqual(first.headers["Date"]?.utf8.count, 29)
        try client.send(TestServer.request("GET", "/hello/an%20b%C3%ACnh"))
        let second = try client.readResponse()
        XCTAssertEqual(second.text, "hello an bình")
    }

    func testHTTP10ClosesAfterTheResponseByDefault() throws {
        let client = try server.makeClient()
        try client.send("GET /healthz HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testHTTP10KeepAliveIsHonouredWhenAskedFor() throws {
        let client = try server.makeClient()
        try client.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let first = try client.readResponse()
        XCTAssertEqual(first.headers["Connection"], "keep-alive")
        try client.send("GET /healthz HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz", headers: [("Connection", "close")]))
        let response = try client.readResponse()
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testThreePipelinedRequestsGetThreeResponsesInOrder() throws {
        let client = try server.makeClient()
        try client.send(
            TestServer.request("GET", "/hello/one") + TestServer.request("POST", "/echo", body: "two")
                + TestServer.request("GET", "/hello/three"))
        XCTAssertEqual(try client.readResponse().text, "hello one")
        XCTAssertEqual(try client.readResponse().text, "two")
        XCTAssertEqual(try client.readResponse().text, "hello three")
    }

    func testRequestSentWhileAHandlerRunsIsAnsweredAfterItInOrder() throws {
        // The second request arrives while the first is in its handler: the connection stops
        // reading until the first response is out, then answers the second.
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/slow"))
        Thread.sleep(forTimeInterval: 0.05)
        try client.send(TestServer.request("GET", "/hello/second"))
        XCTAssertEqual(try client.readResponse().text, "slow")
        XCTAssertEqual(try client.readResponse().text, "hello second")
    }

    func testClientThatHalfClosesDuringAHandlerStillGetsTheResponse() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/slow"))
        Thread.sleep(forTimeInterval: 0.05)
        client.shutdownWrite()
        XCTAssertEqual(try client.readResponse().text, "slow")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testChunkedUploadIsDecodedForTheHandler() throws {
        let client = try server.makeClient()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
        try client.send("5\r\nhello\r\n")
        try client.send("7\r\n, world\r\n0\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "hello, world")
    }

    func testExpect100ContinueGetsAnInterimResponseBeforeTheBody() throws {
        let client = try server.makeClient()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        XCTAssertEqual(interim.status, 100)
        try client.send("data")
        let final = try client.readResponse()
        XCTAssertEqual(final.status, 200)
        XCTAssertEqual(final.text, "data")
    }

    func testUnknownExpectationIsAnswered417AndClosed() throws {
        let client = try server.makeClient()
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: teapot\r\n\r\ndata")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 417)
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testHundredConcurrentClientsAreAllServed() throws {
        try assertHundredClientsServed(port: server.port)
    }

    /// Connections spread round robin over several I/O queues (the default is one per two cores).
    func testHundredConcurrentClientsAreAllServedOverThreeIOQueues() throws {
        var router = Router()
        router.add(.get, "/hello/{name}") { request in .text("hello \(request.pathParameters["name"] ?? "?")") }
        let spread = try TestServer(router: router) { $0.ioQueueCount = 3 }
        defer { spread.stop() }
        try assertHundredClientsServed(port: spread.port)
    }

    private func assertHundredClientsServed(port: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 100) { index in
            do {
                let client = try RawHTTPClient(port: port)
                for round in 0..<3 {
                    try client.send(TestServer.request("GET", "/hello/c\(index)r\(round)"))
                    let response = try client.readResponse()
                    if response.text != "hello c\(index)r\(round)" { failures.withLock { $0.append(response.text) } }
                }
            } catch {
                failures.withLock { $0.append("\(index): \(error)") }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [], file: file, line: line)
    }

    func testHalfClosedClientStillGetsItsResponses() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/hello/a") + TestServer.request("POST", "/echo", body: "b"))
        client.shutdownWrite()
        XCTAssertEqual(try client.readResponse().text, "hello a")
        XCTAssertEqual(try client.readResponse().text, "b")
        XCTAssertTrue(try client.isClosedByPeer())
    }

    // The poller reports readiness edge-triggered: these check that no input is left unread
    // when its event came while the connection was busy or had more than one turn's reads.

    func testInputArrivingWhileAResponseIsPendingIsReadAfterIt() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/slow"))
        Thread.sleep(forTimeInterval: 0.05)  // the handler sleeps 0.2 s: the next request's event comes meanwhile
        try client.send(TestServer.request("GET", "/hello/after"))
        XCTAssertEqual(try client.readResponse().text, "slow")
        XCTAssertEqual(try client.readResponse().text, "hello after")
    }

    func testABodyLongerThanOneTurnOfReadsArrivesWholeWhileOthersAreServed() throws {
        let body = String((0..<900_000).map { index in Character(UnicodeScalar(UInt8(97 + index % 26))) })
        let uploader = try server.makeClient()
        try uploader.send(TestServer.request("POST", "/echo", body: body) + TestServer.request("GET", "/hello/next"))
        let other = try server.makeClient()
        try other.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try other.readResponse().text, "ok")
        let echoed = try uploader.readResponse()
        XCTAssertEqual(echoed.body.count, body.utf8.count)
        XCTAssertTrue(echoed.text == body, "the echoed body differs")
        XCTAssertEqual(try uploader.readResponse().text, "hello next")
    }
}
