import Hashing
import XCTest

final class HexTests: XCTestCase {
    func testEncodeUsesTwoLowercaseDigitsPerByte() {
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
        XCTAssertEqual(Hex.encode([UInt8]()), "")
        let all = (0...255).map { UInt8($0) }
        let expected = all.map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(Hex.encode(all), expected, "array")
        XCTAssertEqual(Hex.encode(all[...]), expected, "contiguous slice")
        XCTAssertEqual(Hex.encode(all.reversed().reversed()), expected, "non-contiguous collection")
        XCTAssertEqual(all.withUnsafeBytes { Hex.encode($0) }, expected, "raw buffer")
    }

    func testDecodeAcceptsEitherCaseAndRoundTrips() {
        XCTAssertEqual(Hex.decode("000FA0ff"), [0x00, 0x0f, 0xa0, 0xff])
        let bytes = (0...255).map { UInt8($0) }
        XCTAssertEqual(Hex.decode(Hex.encode(bytes)), bytes)
    }

    func testDecodeRejectsOddLengthAndNonHexCharacters() {
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertNil(Hex.decode("zz"))
        XCTAssertNil(Hex.decode("0g"))
        XCTAssertNil(Hex.decode("đ0"))
    }

    func testConstantTimeEqualsComparesContentAndLength() {
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertTrue(constantTimeEquals([], []))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([0, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2]))
    }
}
