import XCTest
import Domain

final class CalendarYearTests: XCTestCase {
    private let header = "date,kind,name,source,confidence\n"

    func testRepositoryHolidaysParseIntoFourYears() throws {
        let years = try WorkingCalendar.parseHolidaysCSV(try holidaysCSVText())
        XCTAssertEqual(years.map(\.year), [2024, 2025, 2026, 2027])
        XCTAssertEqual(years.map(\.isProvisional), [false, false, false, true])
        XCTAssertEqual(years[0].holidays.count, 12)
        XCTAssertEqual(years[0].workdays, [day("2024-05-04"): "Làm bù cho thứ Hai 29/04/2024"])
        XCTAssertEqual(years[2].sortedWorkdays.map(\.date), [day("2026-01-10"), day("2026-08-22")])
        XCTAssertEqual(years[1].holidays[day("2025-01-29")], "Tết Nguyên đán Ất Tỵ (mùng 1)")
        for year in years {
            XCTAssertNoThrow(try year.validate())
            for date in year.holidays.keys { XCTAssertLessThanOrEqual(date.weekday, 5, date.iso) }
            for date in year.workdays.keys { XCTAssertEqual(date.weekday, 6, date.iso) }
        }
    }

    func testQuotedNamesWithCommasAreRead() throws {
        let years = try WorkingCalendar.parseHolidaysCSV(header + "2030-01-01,holiday,\"Tết Dương lịch, năm mới\",\"BLLĐ 2019, Điều 112\",official\n")
        XCTAssertEqual(years.first?.holidays[day("2030-01-01")], "Tết Dương lịch, năm mới")
    }

    func testBadRowsAreReportedWithTheirLine() {
        let cases: [(String, CalendarError)] = [
            ("2030-02-30,holiday,X,s,official\n", .badDate(line: 2, text: "2030-02-30")),
            ("2030-01-01,vacation,X,s,official\n", .badKind(line: 2, text: "vacation")),
            ("2030-01-01,holiday,X,s,maybe\n", .badConfidence(line: 2, text: "maybe")),
            ("2030-01-01,holiday,,s,official\n", .emptyName(line: 2)),
            ("2030-01-01,holiday,X,s,official\n2030-01-01,workday,Y,s,official\n",
             .duplicateDate(line: 3, date: day("2030-01-01"))),
            ("2030-01-01,holiday,X,s\n", .csv(.fieldCount(line: 2, expected: 5, found: 4))),
        ]
        for (body, expected) in cases {
            XCTAssertThrowsError(try WorkingCalendar.parseHolidaysCSV(header + body), body) {
                XCTAssertEqual($0 as? CalendarError, expected, body)
            }
        }
        XCTAssertThrowsError(try WorkingCalendar.parseHolidaysCSV("date,kind,name\n")) {
            XCTAssertEqual($0 as? CalendarError, .csv(.missingColumn("source")))
        }
    }

    func testValidateRejectsForeignDatesAndDoubleRoles() {
        let stray = CalendarYear(year: 2030, holidays: [day("2031-01-01"): "X"])
        XCTAssertThrowsError(try stray.validate()) {
            XCTAssertEqual($0 as? CalendarError, .dateOutsideYear(date: day("2031-01-01"), year: 2030))
        }
        let both = CalendarYear(year: 2030, holidays: [day("2030-01-05"): "X"], workdays: [day("2030-01-05"): "Y"])
        XCTAssertThrowsError(try both.validate()) {
            XCTAssertEqual($0 as? CalendarError, .holidayAndWorkday(date: day("2030-01-05")))
        }
        XCTAssertEqual(CalendarError.badKind(line: 4, text: "x").message,
                       "Dòng 4: loại ngày \"x\" không hợp lệ (holiday hoặc workday).")
    }
}
