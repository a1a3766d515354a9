import Foundation
import XCTest
import Domain

final class OfficeHoursTests: XCTestCase {
    func testStandardHoursAreSevenAndAHalfHours() {
        XCTAssertEqual(OfficeHours.standard.workingMinutesPerDay, 450)
        XCTAssertEqual(OfficeHours.standard.intervals.map(\.start), ["07:30", "13:30"])
        XCTAssertEqual(OfficeHours.standard.intervals.map(\.end), ["11:30", "17:00"])
    }

    func testTimesParseAndFormat() {
        XCTAssertEqual(OfficeHours.parseTime("07:30"), 450)
        XCTAssertEqual(OfficeHours.parseTime("7:30"), 450)
        XCTAssertEqual(OfficeHours.parseTime("24:00"), 1_440)
        for bad in ["24:01", "07:60", "0730", "7h30", "", "-1:00", "07:3"] {
            XCTAssertNil(OfficeHours.parseTime(bad), bad)
        }
        XCTAssertEqual(OfficeHours.formatTime(1_020), "17:00")
    }

    func testInvalidHoursAreRejected() {
        XCTAssertThrowsError(try OfficeHours(intervals: [])) { XCTAssertEqual($0 as? OfficeHoursError, .empty) }
        XCTAssertThrowsError(try OfficeHours([(start: "13:30", end: "17:00"), (start: "07:30", end: "11:30")])) {
            XCTAssertEqual($0 as? OfficeHoursError, .overlapping(index: 1))
        }
        XCTAssertThrowsError(try OfficeHours([(start: "08:00", end: "12:00"), (start: "11:00", end: "17:00")])) {
            XCTAssertEqual($0 as? OfficeHoursError, .overlapping(index: 1))
        }
        XCTAssertThrowsError(try OfficeHours([(start: "12:00", end: "12:00")])) {
            XCTAssertEqual($0 as? OfficeHoursError, .emptyInterval(index: 0))
        }
        XCTAssertThrowsError(try OfficeHours([(start: "7h", end: "12:00")])) {
            XCTAssertEqual($0 as? OfficeHoursError, .badTime(index: 0))
        }
        XCTAssertEqual(OfficeHoursError.empty.message, "Giờ làm việc phải có ít nhất một khoảng thời gian.")
    }

    func testJSONShapeIsStartEndPairs() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(OfficeHours.standard)
        XCTAssertEqual(String(decoding: json, as: UTF8.self),
                       #"[{"end":"11:30","start":"07:30"},{"end":"17:00","start":"13:30"}]"#)
        XCTAssertEqual(try JSONDecoder().decode(OfficeHours.self, from: json), .standard)
        let overlapping = Data(#"[{"start":"08:00","end":"12:00"},{"start":"11:00","end":"17:00"}]"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(OfficeHours.self, from: overlapping))
    }
}
