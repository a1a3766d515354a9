import Foundation
import HTTP
import TestSupport
import XCTest

/// Hostile input must never crash or wedge the server.
final class ServerRobustnessTests: XCTestCase {
    /// SplitMix64: deterministic bytes, so a failure can be replayed.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func testRandomBytesAndTruncatedRequestsDoNotStopTheServer() throws {
        var router = Router()
        router.add(.get, "/healthz") { _ in .text("ok") }
        router.add(.post, "/echo") { request in
            if case let .bytes(bytes) = request.body { return Response(body: .bytes(bytes)) }
            return .text("")
        }
        let server = try TestServer(router: router) { configuration in
            configuration.limits.headerTimeout = .milliseconds(200)
            configuration.limits.bodyProgressTimeout = .milliseconds(200)
        }
        defer { server.stop() }
        var random = SeededGenerator(state: 2026)
        let valid = [
            "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
            "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        ].map { Array($0.utf8) }
        for round in 0..<150 {
            let client = try server.makeClient(timeout: .seconds(5))
            var bytes: [UInt8]
            switch round % 3 {
            case 0:
                bytes = (0..<Int.random(in: 1...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            case 1:
                let source = valid[Int.random(in: 0..<valid.count, using: &random)]
                bytes = Array(source.prefix(Int.random(in: 1..<source.count, using: &random)))
            default:
                var source = valid[Int.random(in: 0..<valid.count, using: &random)]
                for _ in 0..<3 {
                    source[Int.random(in: 0..<source.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                bytes = source
            }
            try client.send(bytes)
            if round % 2 == 0 { client.shutdownWrite() }
            // Whatever the answer (an error status, a timeout 408, a close), the server must end it.
            _ = try? client.readUntilClose()
        }
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try client.readResponse().text, "ok")
    }

    func testClientDroppingMidBodyLeavesOthersServed() throws {
        var router = Router()
        router.add(.post, "/echo") { _ in .text("done") }
        router.add(.get, "/healthz") { _ in .text("ok") }
        let server = try TestServer(router: router)
        defer { server.stop() }
        do {
            let dropper = try server.makeClient()
            try dropper.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc")
        }
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz"))
        XCTAssertEqual(try client.readResponse().text, "ok")
    }
}
