import Hashing
import XCTest

/// HMAC-SHA-256 against RFC 4231 §4.2–§4.8 (test cases 1–7).
final class HMACSHA256Tests: XCTestCase {
    private func assertMAC(
        key: [UInt8], message: [UInt8], expected: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        let mac = Hex.encode(HMACSHA256.authenticate(message: message, key: key))
        // RFC 4231 test case 5 publishes only the first 128 bits; the others publish all 256.
        XCTAssertEqual(String(mac.prefix(expected.count)), expected, file: file, line: line)
        XCTAssertEqual(mac.count, 64, file: file, line: line)
    }

    func testCase1ShortKeyShortMessage() {
        assertMAC(key: .init(repeating: 0x0b, count: 20), message: Array("Hi There".utf8),
                  expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testCase2KeyShorterThanTheOutput() {
        assertMAC(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8),
                  expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3CombinedLengthOfKeyAndDataOver64Bytes() {
        assertMAC(key: .init(repeating: 0xaa, count: 20), message: .init(repeating: 0xdd, count: 50),
                  expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4CountingKey() {
        assertMAC(key: Array(1...25), message: .init(repeating: 0xcd, count: 50),
                  expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase5TruncatedOutput() {
        assertMAC(key: .init(repeating: 0x0c, count: 20), message: Array("Test With Truncation".utf8),
                  expected: "a3b6167473100ee06e0c796c2955552b")
    }

    func testCase6KeyLargerThanTheBlockIsHashedFirst() {
        assertMAC(key: .init(repeating: 0xaa, count: 131),
                  message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                  expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    func testCase7LargeKeyAndLargeData() {
        let message = "This is a test using a larger than block-size key and a larger than block-size data."
            + " The key needs to be hashed before being used by the HMAC algorithm."
        assertMAC(key: .init(repeating: 0xaa, count: 131), message: Array(message.utf8),
                  expected: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
    }
}
