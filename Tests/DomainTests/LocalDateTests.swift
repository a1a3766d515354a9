import Foundation
import XCTest
import Domain

final class LocalDateTests: XCTestCase {
    func testLocalDateConversionsAndValidation() {
        XCTAssertEqual(day("1970-01-01").daysSinceEpoch, 0)
        XCTAssertEqual(day("2000-03-01").daysSinceEpoch, 11_017)
        XCTAssertEqual(LocalDate(daysSinceEpoch: -1).iso, "1969-12-31")
        XCTAssertEqual(day("2024-02-29").adding(days: 366).iso, "2025-03-01")
        XCTAssertEqual(day("2025-03-14").weekday, 5)
        XCTAssertNil(LocalDate(iso: "2023-02-29"))
        XCTAssertNil(LocalDate(iso: "2025-00-10"))
        XCTAssertNil(LocalDate(iso: "2025-1-10"))
        XCTAssertLessThan(day("2024-12-31"), day("2025-01-01"))
        XCTAssertEqual(VietnamTime.startOfDay(day("2025-03-14")), VietnamTime.parse("2025-03-14T00:00:00+07:00"))
        XCTAssertEqual(VietnamTime.date(day("2025-03-14"), minuteOfDay: 510), vn("2025-03-14T08:30"))
    }

    func testCodableUsesTheISOText() throws {
        let json = try JSONEncoder().encode([day("2026-08-22")])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), #"["2026-08-22"]"#)
        XCTAssertEqual(try JSONDecoder().decode([LocalDate].self, from: json), [day("2026-08-22")])
        XCTAssertThrowsError(try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)))
    }

    func testDayNumbersRoundTripAcrossCenturiesAndLeapDays() {
        for n in stride(from: -800_000, through: 800_000, by: 37) {
            let date = LocalDate(daysSinceEpoch: n)
            XCTAssertEqual(date.daysSinceEpoch, n)
            XCTAssertEqual(LocalDate(year: date.year, month: date.month, day: date.day), date)
        }
        XCTAssertEqual(day("2000-02-29").adding(days: 1).iso, "2000-03-01")
        XCTAssertNil(LocalDate(year: 1900, month: 2, day: 29))
    }
}
