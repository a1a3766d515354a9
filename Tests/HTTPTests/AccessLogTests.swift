@testable import HTTP
import Foundation
import XCTest

/// The access log's line format and its buffered writing.
final class AccessLogTests: XCTestCase {
    func testOneLogfmtLinePerRequestReachesTheDescriptor() throws {
        var descriptors: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&descriptors), 0)
        defer { close(descriptors[0]) }
        let log = AccessLog(fd: descriptors[1])
        log.record(method: .get, path: "/healthz", status: 200, bytes: 120, microseconds: 42, remote: "127.0.0.1:5000")
        log.record(method: .post, path: "/a b\n", status: 413, bytes: 0, microseconds: 7, remote: "[::1]:1")
        log.drain()
        close(descriptors[1])
        let output = String(decoding: FileHandle(fileDescriptor: descriptors[0]).readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(output, """
            method=GET path=/healthz status=200 bytes=120 us=42 remote=127.0.0.1:5000
            method=POST path=/a?b? status=413 bytes=0 us=7 remote=[::1]:1

            """)
    }
}
