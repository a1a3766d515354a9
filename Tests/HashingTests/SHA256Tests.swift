import Hashing
import XCTest

/// SHA-256 against NIST's published examples: FIPS 180-2 Appendix B ("abc", the 448-bit
/// message, one million "a"), the empty message and the 896-bit message of the CSRC example
/// values; every expected digest was also re-checked with Python's `hashlib.sha256`.
final class SHA256Tests: XCTestCase {
    private let vectors: [(message: [UInt8], digest: String)] = [
        (Array("abc".utf8), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ([], "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        (Array(("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8),
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    func testPublishedShortMessagesHashToTheirDigests() {
        for (message, digest) in vectors {
            XCTAssertEqual(SHA256.hex(message), digest, "message of \(message.count) bytes")
        }
    }

    func testOneMillionLetterAHashesToThePublishedDigest() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hex(message), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testIncrementalUpdateGivesTheSameDigestAtEverySplitPoint() {
        for (message, digest) in vectors {
            for split in 0...message.count {
                var hasher = SHA256Hasher()
                hasher.update(Array(message[..<split]))
                hasher.update(Array(message[split...]))
                XCTAssertEqual(Hex.encode(hasher.finalize()), digest, "split at \(split) of \(message.count)")
            }
        }
    }

    func testOneByteAtATimeMatchesOneShotAcrossBlockBoundaries() {
        // Lengths around the 55/56/64-byte padding boundaries (FIPS 180-4 §5.1.1).
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var hasher = SHA256Hasher()
            for byte in message {
                [byte].withUnsafeBytes { hasher.update($0) }
            }
            XCTAssertEqual(hasher.finalize(), SHA256.hash(message), "length \(length)")
        }
    }

    func testHashAcceptsNonContiguousCollections() {
        let message = "abc".utf8
        XCTAssertEqual(SHA256.hex(message), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hash(Array("abc".utf8).reversed().reversed()), SHA256.hash(Array("abc".utf8)))
    }
}
