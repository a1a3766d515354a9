import Foundation
import HTTP
import TestSupport
import XCTest

/// Deferred handlers (`Router.addDeferred`): answered later from another thread, in order
/// with pipelined requests, with errors rendered and a dropped responder answered with 500.
final class DeferredRouteTests: XCTestCase {
    private var server: TestServer!
    private let answers = Locked(0)

    override func setUpWithError() throws {
        var router = Router()
        let answers = answers
        // Answers from another thread after a delay, like a write waiting for its commit.
        router.addDeferred(.get, "/later/{ms}") { request, responder in
            let milliseconds = Int(request.pathParameters["ms"] ?? "") ?? 0
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                responder.respond { .text("after \(milliseconds) ms") }
                answers.withLock { $0 += 1 }
            }
        }
        router.addDeferred(.get, "/refuse") { _, _ in throw HTTPError(status: 409) }
        router.addDeferred(.get, "/forget") { _, _ in }
        router.addDeferred(.get, "/twice") { _, responder in
            responder.respond(.text("first"))
            responder.respond(.text("second"))
        }
        router.addDeferred(.get, "/inline", options: RouteOptions(runsOnIOQueue: true)) { _, responder in
            responder.respond(.text("inline"))
        }
        router.addDeferred(.get, "/blocking", options: RouteOptions(isBlocking: true)) { _, responder in
            responder.respond(.text("blocking"))
        }
        router.add(.get, "/now") { _ in .text("now") }
        server = try TestServer(router: router)
    }

    override func tearDown() {
        server.stop()
    }

    func testDeferredAnswerFromAnotherThreadIsSentAndTheConnectionKeptAlive() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/later/50"))
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "after 50 ms")
        try client.send(TestServer.request("GET", "/now"))
        XCTAssertEqual(try client.readResponse().text, "now")
    }

    func testPipelinedRequestsBehindADeferredOneAreAnsweredInOrder() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/later/100") + TestServer.request("GET", "/now")
                        + TestServer.request("GET", "/later/10"))
        XCTAssertEqual(try client.readResponse().text, "after 100 ms")
        XCTAssertEqual(try client.readResponse().text, "now")
        XCTAssertEqual(try client.readResponse().text, "after 10 ms")
    }

    func testErrorThrownBeforeAnsweringIsRendered() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/refuse"))
        XCTAssertEqual(try client.readResponse().status, 409)
    }

    func testResponderDroppedWithoutAnAnswerSends500() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/forget"))
        XCTAssertEqual(try client.readResponse().status, 500)
    }

    func testOnlyTheFirstAnswerIsSent() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/twice") + TestServer.request("GET", "/now"))
        XCTAssertEqual(try client.readResponse().text, "first")
        XCTAssertEqual(try client.readResponse().text, "now", "the second answer did not take the next request's place")
    }

    func testDeferredHandlersStartInlineAndOnBlockingThreadsToo() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/inline") + TestServer.request("GET", "/blocking"))
        XCTAssertEqual(try client.readResponse().text, "inline")
        XCTAssertEqual(try client.readResponse().text, "blocking")
    }

    func testManyConcurrentDeferredRequestsAreAllAnswered() throws {
        let group = DispatchGroup()
        let failures = Locked<[String]>([])
        let port = server.port
        for index in 0..<50 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let client = try RawHTTPClient(port: port, timeout: .seconds(10))
                    try client.send(TestServer.request("GET", "/later/\(index % 5 * 10)"))
                    let text = try client.readResponse().text
                    if text != "after \(index % 5 * 10) ms" { failures.withLock { $0.append(text) } }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(failures.withLock { $0 }, [])
    }

    func testShutdownWaitsForADeferredAnswerInFlight() throws {
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/later/300"))
        // Let the request reach its handler before the shutdown starts.
        Thread.sleep(forTimeInterval: 0.05)
        server.server.shutdown()
        let response = try client.readResponse()
        XCTAssertEqual(response.text, "after 300 ms")
        XCTAssertEqual(response.headers["Connection"]?.lowercased(), "close")
    }

    func testRouterAnswersADeferredRouteWithoutASocket() throws {
        var router = Router()
        router.addDeferred(.get, "/later") { _, responder in
            DispatchQueue.global().async { responder.respond(.text("done")) }
        }
        let response = router.respond(to: Request(head: RequestHead(method: .get, target: "/later", version: .http1_1,
                                                                    headers: HTTPHeaders())))
        XCTAssertEqual(response.status, 200)
        guard case let .bytes(bytes) = response.body else { return XCTFail("expected a byte body") }
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "done")
    }
}
