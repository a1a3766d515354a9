import HTTP
import TestSupport
import XCTest

/// HEAD, OPTIONS, 404, 405, handler errors and response bodies over real sockets.
final class ServerRoutingTests: XCTestCase {
    private var server: TestServer!
    private let bigCalls = Locked(0)
    private let bigStarted = DispatchSemaphore(value: 0)

    override func setUpWithError() throws {
        var router = Router()
        router.add(.get, "/items") { _ in .text("list") }
        router.add(.post, "/items") { _ in .text("created", status: 201) }
        router.add(.get, "/fail") { _ in throw HTTPError(status: 409) }
        router.add(.get, "/crash") { _ in throw CocoaError(.fileNoSuchFile) }
        router.add(.get, "/empty") { _ in Response(status: 204) }
        router.add(.get, "/stream") { _ in
            let parts = Locked(["alpha", "", "beta"])
            return Response(body: .chunked {
                parts.withLock { $0.isEmpty ? nil : Array($0.removeFirst().utf8) }
            })
        }
        let bigCalls = bigCalls, bigStarted = bigStarted
        router.add(.get, "/big") { _ in
            bigCalls.withLock { $0 += 1 }
            bigStarted.signal()
            return Response(body: .bytes([UInt8](repeating: 65, count: 16_000_000)))
        }
        router.add(.get, "/missing-file") { _ in Response(body: .file(path: "/nonexistent/motcua", size: 10)) }
        router.add(.get, "/file") { _ in
            let path = NSTemporaryDirectory() + "/motcua-routing-file.txt"
            _ = FileManager.default.createFile(atPath: path, contents: Data("file body".utf8))
            return Response(headers: ["Content-Type": "text/plain"], body: .file(path: path, size: 9))
        }
        server = try TestServer(router: router)
    }

    override func tearDown() {
        server.stop()
    }

    private func exchange(_ request: String, isHead: Bool = false) throws -> RawResponse {
        let client = try server.makeClient()
        try client.send(request)
        return try client.readResponse(isHead: isHead)
    }

    func testHeadUsesTheGetRouteWithoutABodyButWithItsLength() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("HEAD", "/items"))
        let response = try client.readResponse(isHead: true)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["Content-Length"], "4")
        // The next response starts right after the head: no body bytes were sent.
        try client.send(TestServer.request("GET", "/items"))
        XCTAssertEqual(try client.readResponse().text, "list")
    }

    func testOptionsOnAKnownPathIs204WithAllow() throws {
        let response = try exchange(TestServer.request("OPTIONS", "/items"))
        XCTAssertEqual(response.status, 204)
        XCTAssertEqual(response.headers["Allow"], "GET, POST, HEAD, OPTIONS")
    }

    func testOptionsAsteriskIs204() throws {
        XCTAssertEqual(try exchange("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n").status, 204)
    }

    func testUnknownPathIs404() throws {
        let response = try exchange(TestServer.request("GET", "/nowhere"))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.text, "404 Not Found\n")
    }

    func testWrongMethodIs405WithAllow() throws {
        let response = try exchange(TestServer.request("DELETE", "/items"))
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.headers["Allow"], "GET, POST, HEAD, OPTIONS")
    }

    func testThrownHTTPErrorAndUnknownErrorAreRendered() throws {
        XCTAssertEqual(try exchange(TestServer.request("GET", "/fail")).status, 409)
        XCTAssertEqual(try exchange(TestServer.request("GET", "/crash")).status, 500)
    }

    func testNoContentHasNoLengthAndNoBody() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/empty") + TestServer.request("GET", "/items"))
        let empty = try client.readResponse()
        XCTAssertEqual(empty.status, 204)
        XCTAssertNil(empty.headers["Content-Length"])
        XCTAssertEqual(try client.readResponse().text, "list")
    }

    func testChunkedResponseStreamsEveryNonEmptyChunk() throws {
        let response = try exchange(TestServer.request("GET", "/stream"))
        XCTAssertEqual(response.headers["Transfer-Encoding"], "chunked")
        XCTAssertNil(response.headers["Content-Length"])
        XCTAssertEqual(response.text, "alphabeta")
    }

    func testChunkedResponseToHTTP10IsDelimitedByClose() throws {
        let client = try server.makeClient()
        try client.send("GET /stream HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertNil(response.headers["Transfer-Encoding"])
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertEqual(response.text, "alphabeta")
    }

    func testFileBodyIsSentWithItsLength() throws {
        let response = try exchange(TestServer.request("GET", "/file"))
        XCTAssertEqual(response.headers["Content-Length"], "9")
        XCTAssertEqual(response.text, "file body")
    }

    func testClientThatNeverReadsALargeResponseDoesNotBlockOthers() throws {
        let stuck = try server.makeClient()
        stuck.setReceiveBufferSize(4096)
        // Ask for 16 MB (more than both socket buffers hold) many times over and never read:
        // the server must stop at its socket buffer.
        try stuck.send(String(repeating: TestServer.request("GET", "/big"), count: 20))
        bigStarted.wait()
        for _ in 0..<5 {
            let other = try server.makeClient()
            try other.send(TestServer.request("GET", "/items"))
            XCTAssertEqual(try other.readResponse().text, "list")
        }
        // The second pipelined request is not even read while the first response is stuck.
        XCTAssertEqual(bigCalls.withLock { $0 }, 1)
    }

    func testHeadOfAChunkedResponseSendsNoChunks() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("HEAD", "/stream") + TestServer.request("GET", "/items"))
        let head = try client.readResponse(isHead: true)
        XCTAssertEqual(head.headers["Transfer-Encoding"], "chunked")
        XCTAssertEqual(try client.readResponse().text, "list")
    }

    func testFileThatCannotBeOpenedIs500AndClosed() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/missing-file"))
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 500)
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(try client.isClosedByPeer())
    }
}
