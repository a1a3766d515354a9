import HTTP
import XCTest

/// IMF-fixdate formatting and parsing (RFC 9110 §5.6.7).
final class HTTPDateTests: XCTestCase {
    func testRFCExampleDateFormats() {
        // RFC 9110 §5.6.7's example: Sun, 06 Nov 1994 08:49:37 GMT = 784111777.
        XCTAssertEqual(HTTPDate.string(secondsSince1970: 784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.string(secondsSince1970: 0), "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    func testFormattedDateParsesBack() {
        XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777)
        let now = Int(Date().timeIntervalSince1970)
        XCTAssertEqual(HTTPDate.parse(HTTPDate.string(secondsSince1970: now)), now)
    }

    func testOtherFormsAreNotParsed() {
        XCTAssertNil(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"))
        XCTAssertNil(HTTPDate.parse("Sun Nov  6 08:49:37 1994"))
        XCTAssertNil(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 UTC"))
        XCTAssertNil(HTTPDate.parse("Sun, 36 Nov 1994 08:49:37 GMT"))
        XCTAssertNil(HTTPDate.parse(""))
    }
}
