import Foundation
import XCTest
import Domain

final class VietnamTimeTests: XCTestCase {
    func testFormatUsesPlusSevenHours() {
        let instant = Date(timeIntervalSince1970: 1_741_915_800)  // 2025-03-14T01:30:00Z
        XCTAssertEqual(VietnamTime.format(instant), "2025-03-14T08:30:00+07:00")
        XCTAssertEqual(VietnamTime.format(instant.addingTimeInterval(0.999)), "2025-03-14T08:30:00+07:00")
        XCTAssertEqual(VietnamTime.format(Date(timeIntervalSince1970: -25_200)), "1970-01-01T00:00:00+07:00")
        XCTAssertEqual(VietnamTime.offsetSeconds, 25_200)
    }

    func testParseAcceptsOffsetsZuluFractionsAndDates() {
        let expected = Date(timeIntervalSince1970: 1_741_915_800)
        XCTAssertEqual(VietnamTime.parse("2025-03-14T08:30:00+07:00"), expected)
        XCTAssertEqual(VietnamTime.parse("2025-03-14T01:30:00Z"), expected)
        XCTAssertEqual(VietnamTime.parse("2025-03-13T20:30:00-05:00"), expected)
        XCTAssertEqual(VietnamTime.parse("2025-03-14 08:30:00+07:00"), expected)
        XCTAssertEqual(VietnamTime.parse("2025-03-14T01:30:00.250Z")?.timeIntervalSince1970 ?? 0,
                       1_741_915_800.25, accuracy: 0.0001)
        XCTAssertEqual(VietnamTime.parse("2025-03-14"), Date(timeIntervalSince1970: 1_741_885_200))
    }

    func testParseRejectsMalformedOrImpossibleTimes() {
        for bad in ["", "2025-03-14T08:30:00", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
                    "2025-03-14T24:00:00Z", "2025-03-14T08:60:00Z", "2025-03-14T08:30:00+7:00",
                    "2025-03-14T08:30:00Z ", "2025-03-14T08:30:00.Z", "2025-3-14", "14/03/2025",
                    "2025-03-14T08:30+07:00", "2025-03-14T08:30:00+24:00"] {
            XCTAssertNil(VietnamTime.parse(bad), bad)
        }
    }

    func testParseLocalReadsFormInputsAsVietnamTime() {
        XCTAssertEqual(VietnamTime.parseLocal("2025-03-14T08:30"), Date(timeIntervalSince1970: 1_741_915_800))
        XCTAssertEqual(VietnamTime.parseLocal("2025-03-14T08:30:05"), Date(timeIntervalSince1970: 1_741_915_805))
        XCTAssertNil(VietnamTime.parseLocal("2025-03-14T08:30Z"))
    }

    func testFormatParseRoundTripsOverManyInstants() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: -2_000_000_000...5_000_000_000, using: &rng)))
            XCTAssertEqual(VietnamTime.parse(VietnamTime.format(instant)), instant)
        }
    }

    func testLocalDateAndMinuteOfDayMatchFoundationCalendar() throws {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = try XCTUnwrap(TimeZone(secondsFromGMT: 25_200))
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<2_000 {
            let instant = Date(timeIntervalSince1970: Double(Int.random(in: -3_000_000_000...6_000_000_000, using: &rng)))
            let parts = gregorian.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: instant)
            let local = VietnamTime.localDate(instant)
            XCTAssertEqual([local.year, local.month, local.day], [parts.year, parts.month, parts.day].map { $0 ?? -1 })
            XCTAssertEqual(VietnamTime.minuteOfDay(instant), (parts.hour ?? 0) * 60 + (parts.minute ?? 0))
            // Foundation: 1 = Sunday; ISO: 7 = Sunday.
            XCTAssertEqual(local.weekday % 7 + 1, parts.weekday)
        }
    }
}
