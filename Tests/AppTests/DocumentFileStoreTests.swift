import Foundation
import Hashing
import TestSupport
import XCTest
@testable import App

/// The content-addressed store on real files, and type detection by magic bytes.
final class DocumentFileStoreTests: XCTestCase {
    var root: String!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-docs-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(atPath: root) }  // best effort cleanup
    }

    /// A failed write's release removes a file only when no other request holds it, no row
    /// names it, and the row lookup answered.
    func testReleaseRemovesAFileOnlyWhenNobodyHoldsOrNamesIt() throws {
        struct LookupFailed: Error {}
        let store = try DocumentFileStore(root: root)
        let hash = try store.store(Array("%PDF-1.7 hai yêu cầu".utf8))
        let path = try XCTUnwrap(store.path(forSHA256: hash))
        store.hold(hash)
        store.hold(hash)
        store.release([hash], removingUnreferenced: { _ in false })
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the other request still holds it")
        store.release([hash], removingUnreferenced: { _ in throw LookupFailed() })
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "the lookup failed")
        store.hold(hash)
        store.release([hash], removingUnreferenced: { _ in true })
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "a row names it")
        store.hold(hash)
        store.release([hash])
        XCTAssertTrue(FileManager.default.fileExists(atPath: path), "a recorded write removes nothing")
        store.hold(hash)
        store.release([hash], removingUnreferenced: { _ in false })
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testStoredBytesLiveUnderTheirSHA256AndAreStoredOnce() throws {
        let store = try DocumentFileStore(root: root)
        let bytes = Array("%PDF-1.7 nội dung".utf8)
        let hash = try store.store(bytes)
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        XCTAssertEqual(hash, Hex.encode(hasher.finalize()))
        let path = try XCTUnwrap(store.path(forSHA256: hash))
        XCTAssertEqual(path, root + "/" + hash.prefix(2) + "/" + hash.dropFirst(2))
        XCTAssertEqual(FileManager.default.contents(atPath: path).map(Array.init), bytes)
        XCTAssertEqual(try store.store(bytes), hash)
        // Only the stored file in its folder: no temporary file left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/" + hash.prefix(2)), [String(hash.dropFirst(2))])
    }

    func testCommitMovesAnIncomingFileOrDropsADuplicate() throws {
        let store = try DocumentFileStore(root: root)
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let first = store.incomingDirectory + "/a"
        let second = store.incomingDirectory + "/b"
        XCTAssertTrue(FileManager.default.createFile(atPath: first, contents: Data(bytes)))
        XCTAssertTrue(FileManager.default.createFile(atPath: second, contents: Data(bytes)))
        let (hash, head) = try DocumentFileStore.digest(ofFileAt: first)
        XCTAssertEqual(head, Array(bytes.prefix(8)))
        try store.commit(temporaryPath: first, sha256: hash)
        try store.commit(temporaryPath: second, sha256: hash)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.incomingDirectory), [])
        XCTAssertEqual(FileManager.default.contents(atPath: try XCTUnwrap(store.path(forSHA256: hash))).map(Array.init), bytes)
    }

    func testUploadsAbandonedByACrashAreSweptAtStart() throws {
        let store = try DocumentFileStore(root: root)
        let stale = store.incomingDirectory + "/upload-stale"
        let fresh = store.incomingDirectory + "/upload-fresh"
        XCTAssertTrue(FileManager.default.createFile(atPath: stale, contents: Data([1])))
        XCTAssertTrue(FileManager.default.createFile(atPath: fresh, contents: Data([2])))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale)
        _ = try DocumentFileStore(root: root)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: store.incomingDirectory), ["upload-fresh"])
    }

    func testAddressesThatAreNotSHA256HexAreRefused() throws {
        let store = try DocumentFileStore(root: root)
        XCTAssertNil(store.path(forSHA256: "../../etc/passwd"))
        XCTAssertNil(store.path(forSHA256: String(repeating: "A", count: 64)))
        XCTAssertNil(store.path(forSHA256: String(repeating: "a", count: 63)))
    }

    func testTypesAreRecognisedByTheirSignatures() {
        XCTAssertEqual(DocumentKind.detect(Array("%PDF-1.4".utf8)), .pdf)
        XCTAssertEqual(DocumentKind.detect([0xFF, 0xD8, 0xFF, 0xDB]), .jpeg)
        XCTAssertEqual(DocumentKind.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), .png)
        XCTAssertNil(DocumentKind.detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A]))  // truncated PNG signature
        XCTAssertNil(DocumentKind.detect(Array("%PDF".utf8)))
        XCTAssertNil(DocumentKind.detect([]))
        XCTAssertNil(DocumentKind.detect(Array("GIF89a".utf8)))
    }

    func testAttachmentNamesAreEncodedPerRFC5987() {
        XCTAssertEqual(DocumentHandlers.percentEncodedAttributeValue("a b\"c;đ.pdf"), "a%20b%22c%3B%C4%91.pdf")
        XCTAssertEqual(DocumentHandlers.attachmentDisposition(filename: "x\"y.png"),
                       "attachment; filename=\"x_y.png\"; filename*=UTF-8''x%22y.png")
    }
}
