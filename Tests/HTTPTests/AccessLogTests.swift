import Foundation
import HTTP
import TestSupport
import XCTest

/// The access log: one logfmt line per request on stderr, only when enabled.
final class AccessLogTests: XCTestCase {
    /// Runs `body` with stderr redirected into a pipe; returns what was written.
    private func capturingStandardError(_ body: () throws -> Void) rethrows -> String {
        var descriptors: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&descriptors), 0)
        let saved = dup(STDERR_FILENO)
        dup2(descriptors[1], STDERR_FILENO)
        close(descriptors[1])
        defer {
            dup2(saved, STDERR_FILENO)
            close(saved)
            close(descriptors[0])
        }
        try body()
        dup2(saved, STDERR_FILENO)  // closes the pipe's last write end, so the read ends
        return String(decoding: FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile(), as: UTF8.self)
    }

    private func serveTwoRequests(accessLog: Bool) throws {
        var router = Router()
        router.add(.get, "/healthz") { _ in .text("ok") }
        let server = try TestServer(router: router) { $0.accessLog = accessLog }
        let client = try server.makeClient()
        try client.send(TestServer.request("GET", "/healthz?secret=1") + TestServer.request("GET", "/missing"))
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertEqual(try client.readResponse().status, 404)
        client.close()
        server.stop()  // flushes the log before returning
    }

    func testEachRequestIsLoggedAsOneLineWithoutTheQuery() throws {
        let output = try capturingStandardError { try serveTwoRequests(accessLog: true) }
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, output)
        XCTAssertTrue(lines.first?.hasPrefix("method=GET path=/healthz status=200 bytes=") == true, output)
        XCTAssertTrue(lines.last?.hasPrefix("method=GET path=/missing status=404 bytes=") == true, output)
        XCTAssertTrue(lines.allSatisfy { $0.contains(" us=") && $0.contains(" remote=127.0.0.1:") }, output)
        XCTAssertFalse(output.contains("secret"))
    }

    func testNothingIsLoggedWhenDisabled() throws {
        let output = try capturingStandardError { try serveTwoRequests(accessLog: false) }
        XCTAssertEqual(output, "")
    }
}
