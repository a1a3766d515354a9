import Foundation
import XCTest
@testable import Storage

/// `RandomAccessAdvice`: every descriptor the process holds on the database file (one per
/// connection: the writer, each reader, the checkpointer) is found and advised, through a
/// symbolic link too, and no descriptor of another file.
final class RandomAccessAdviceTests: StorageTestCase {
    func testEveryConnectionsDescriptorOnTheFileIsAdvised() throws {
        let database = try makeDatabase(readerCount: 3)
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: database.path), 1 + 3 + 1, "writer, 3 readers, checkpointer")
        let link = try path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: database.path)
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: link), 5, "the link's target is the file")
        // The WAL's descriptors are other files: the database's count above did not include them.
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: database.path + "-wal"), 4, "writer, 3 readers")
        let other = try path("other.sqlite")
        FileManager.default.createFile(atPath: other, contents: Data([1]))
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: other), 0, "a file no connection holds")
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: try path("missing.sqlite")), 0)
        database.close()
        XCTAssertEqual(RandomAccessAdvice.apply(toFileAt: database.path), 0, "closed connections hold nothing")
    }
}
