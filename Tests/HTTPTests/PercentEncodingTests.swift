import HTTP
import XCTest

/// `PercentEncoding` (RFC 3986 §2.1, §2.3) and its round trip through `PercentDecoding`.
final class PercentEncodingTests: XCTestCase {
    func testOnlyUnreservedCharactersStayAsTheyAre() {
        XCTAssertEqual(PercentEncoding.encode("aZ09-._~"), "aZ09-._~")
        XCTAssertEqual(PercentEncoding.encode("/ho-so?x=1&y"), "%2Fho-so%3Fx%3D1%26y")
        XCTAssertEqual(PercentEncoding.encode("Đăng ký"), "%C4%90%C4%83ng%20k%C3%BD", "UTF-8 bytes, upper-case hex")
    }

    func testACallerChoosesWhatElseItKeeps() {
        XCTAssertEqual(PercentEncoding.encode("/ho-so/a b") { PercentEncoding.isUnreserved($0) || $0 == UInt8(ascii: "/") },
                       "/ho-so/a%20b")
    }

    func testDecodingUndoesEncoding() {
        for text in ["", "Nguyễn Thị Ánh", "a%b+c/d?e=f#g", "\u{0}\u{7F}"] {
            XCTAssertEqual(PercentDecoding.decode(PercentEncoding.encode(text)), text)
        }
    }
}
