import Foundation
import XCTest
@testable import Domain

/// The packing of a dossier's documents into `dossiers.document_list` (`DocumentList`): exact
/// or refused, damaged bytes refused, the stored layout pinned.
final class DocumentListTests: XCTestCase {
    static let digest = String(repeating: "0123456789abcdef", count: 4)

    func testPackingGivesBackSeededListsExactly() throws {
        var generator = SeededGenerator(seed: 12_08)
        let names = ["", "đơn đề nghị.pdf", "ảnh \u{0301}.png", "a\u{0}b", String(repeating: "Ư", count: 200)]
        let types = DocumentList.contentTypes + ["application/octet-stream", ""]
        for round in 0..<1_000 {
            var id = 0
            let documents = (0..<Int(generator.next() % 6)).map { _ -> DossierDocument in
                id += 1 + Int(generator.next() % (generator.next() % 2 == 0 ? 3 : 1_000_000))
                let digest = String((0..<64).map { _ in Array("0123456789abcdef")[Int(generator.next() % 16)] })
                return DossierDocument(id: id, name: names[Int(generator.next() % UInt64(names.count))],
                                       contentType: types[Int(generator.next() % UInt64(types.count))],
                                       size: Int(generator.next() % 60_000_000), sha256: digest,
                                       isResult: generator.next() % 2 == 0)
            }
            let packed = try XCTUnwrap(DocumentList.encode(documents), "round \(round)")
            XCTAssertEqual(DocumentList.decode(packed), documents, "round \(round)")
        }
    }

    /// A name that starts with a byte-order mark, or is in either Unicode normalization form,
    /// comes back as the same bytes; so does a content type that only looks like a known one.
    func testNamesComeBackByteForByte() throws {
        let names = ["\u{FEFF}đơn.pdf", "\u{FEFF}", "Gi\u{1EA5}y t\u{1EDD}.pdf", "Gi\u{1EA5}y t\u{1EDD}.pdf".decomposedStringWithCanonicalMapping]
        let documents = names.enumerated().map { index, name in
            DossierDocument(id: index + 1, name: name, contentType: index == 0 ? "application/pdf" : "\u{FEFF}image/png",
                            size: 10, sha256: Self.digest, isResult: false)
        }
        let decoded = try XCTUnwrap(DocumentList.decode(try XCTUnwrap(DocumentList.encode(documents))))
        XCTAssertEqual(decoded.map { Array($0.name.utf8) }, names.map { Array($0.utf8) })
        XCTAssertEqual(decoded.map { Array($0.contentType.utf8) }, documents.map { Array($0.contentType.utf8) })
    }

    func testAKnownListPacksToKnownBytes() throws {
        let documents = [
            DossierDocument(id: 5, name: "Đơn", contentType: "application/pdf", size: 300, sha256: Self.digest, isResult: false),
            DossierDocument(id: 7, name: "x", contentType: "text/plain", size: 1, sha256: Self.digest, isResult: true),
        ]
        let packed = try XCTUnwrap(DocumentList.encode(documents))
        let hex = packed.map { String(format: "%02x", $0) }.joined()
        let digest = Self.digest  // its 32 bytes, written out in hex, read as the text itself
        // 01 version; id 5, name of 5 bytes, word 0 (1), size 300 (ac 02), digest, not a result.
        let first = "05" + "05" + "c490c6a16e" + "01" + "ac02" + digest + "00"
        // step 2, name "x", "text/plain" as a 10-byte string (10·2 + 2 = 22), size 1, digest, result.
        let second = "02" + "01" + "78" + "16" + "746578742f706c61696e" + "01" + digest + "01"
        XCTAssertEqual(hex, "01" + first + second)
        XCTAssertEqual(DocumentList.decode(packed), documents)
    }

    func testRefusesWhatItCouldNotGiveBackAndDamagedBytes() throws {
        let one = DossierDocument(id: 3, name: "a", contentType: "image/png", size: 1, sha256: Self.digest, isResult: false)
        XCTAssertNil(DocumentList.encode([one, one]), "ids must increase")
        var bad = one
        bad.sha256 = Self.digest.uppercased()
        XCTAssertNil(DocumentList.encode([bad]), "lowercase hex only")
        bad.sha256 = "abc"
        XCTAssertNil(DocumentList.encode([bad]))
        bad = one
        bad.size = -1
        XCTAssertNil(DocumentList.encode([bad]))
        XCTAssertEqual(DocumentList.encode([]), [1])

        let packed = try XCTUnwrap(DocumentList.encode([one, DossierDocument(id: 9, name: "b", contentType: "image/jpeg", size: 2,
                                                                             sha256: Self.digest, isResult: true)]))
        for length in 0..<packed.count {
            guard let decoded = DocumentList.decode(Array(packed.prefix(length))) else { continue }
            XCTAssertLessThan(decoded.count, 2, "cut at \(length)")
        }
        var flag = packed
        flag[flag.count - 1] = 2
        XCTAssertNil(DocumentList.decode(flag), "a result flag other than 0 or 1")
        XCTAssertNil(DocumentList.decode([2] + packed.dropFirst()), "unknown version")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let bytes = [1] + (0..<Int(generator.next() % 60)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if let decoded = DocumentList.decode(bytes) {
                XCTAssertEqual(DocumentList.encode(decoded).flatMap(DocumentList.decode), decoded)
            }
        }
    }
}
