import Foundation
import XCTest
@testable import App

/// `JSONBody` trims strings exactly as Foundation's `whitespacesAndNewlines` would.
final class JSONBodyTrimTests: XCTestCase {
    func testTrimmingMatchesFoundationWhitespaceAndNewlines() {
        let samples = [
            "", " ", "\t\n\r", "Nguyễn Văn A", "  Nguyễn Văn A  ", "\u{00A0}Trần\u{3000}", "\u{2028}x\u{2029}",
            "\u{0085}a b\u{000B}\u{000C}", "\u{200B}zero-width\u{200B}", "e\u{0301} ", " \u{0301}e",
            "\u{1680}\u{2000}\u{200A}\u{202F}\u{205F}", "a\u{FEFF}", "  \n  ",
        ]
        for sample in samples {
            XCTAssertEqual(JSONBody.trimmingWhitespace(sample),
                           sample.trimmingCharacters(in: .whitespacesAndNewlines),
                           "sample \(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testBlankStringFieldReadsAsAbsent() throws {
        let body = try JSONBody.parse(bytes: Array(#"{"name": " \u00a0\t ", "city": "  Huế "}"#.utf8))
        var problems: [String: String] = [:]
        XCTAssertNil(body.string("name", problems: &problems))
        XCTAssertEqual(body.string("city", problems: &problems), "Huế")
        XCTAssertEqual(problems, [:])
    }
}
