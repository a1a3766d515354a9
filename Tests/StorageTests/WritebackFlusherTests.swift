import Foundation
@testable import Storage
import XCTest

/// The writeback flusher of bulk loads: flushes while the file grows, stops promptly.
final class WritebackFlusherTests: StorageTestCase {
    func testFlusherRunsWhileTheFileGrowsAndStopsPromptly() throws {
        let path = try path("grow.bin")
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        let flusher = try XCTUnwrap(WritebackFlusher(path: path, interval: 0.01))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        for _ in 0..<20 {
            try handle.write(contentsOf: Data(repeating: 7, count: 64 * 1024))
            usleep(2_000)
        }
        try handle.close()
        let started = Date()
        flusher.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, 20 * 64 * 1024)
    }

    func testNoFlusherForAFileThatCannotBeOpened() throws {
        XCTAssertNil(WritebackFlusher(path: try path("missing/none.bin")))
    }
}
