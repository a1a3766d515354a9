import Foundation
import XCTest
import Domain

final class WorkingCalendarTests: XCTestCase {
    private var calendar = WorkingCalendar()

    override func setUpWithError() throws {
        calendar = WorkingCalendar(years: try WorkingCalendar.parseHolidaysCSV(try holidaysCSVText()))
    }

    private func assertDue(_ received: String, _ value: Int, _ unit: TimeUnit,
                           start: String, due: String,
                           file: StaticString = #filePath, line: UInt = #line) {
        let result = calendar.dueDate(receivedAt: vn(received), limit: TimeLimit(value: value, unit: unit))
        XCTAssertEqual(VietnamTime.format(result.start), VietnamTime.format(vn(start)), "start", file: file, line: line)
        XCTAssertEqual(VietnamTime.format(result.due), VietnamTime.format(vn(due)), "due", file: file, line: line)
    }

    // MARK: - BRIEF.md examples

    func testReceivedAt1600MondayWithOneDayIsDueAt1600Tuesday() {
        XCTAssertEqual(day("2025-03-10").weekday, 1)
        assertDue("2025-03-10T16:00", 1, .workingDays, start: "2025-03-10T16:00", due: "2025-03-11T16:00")
    }

    func testReceivedAt0900WithFourHoursIsDueAt1500SameDayExcludingLunch() {
        assertDue("2025-03-10T09:00", 4, .workingHours, start: "2025-03-10T09:00", due: "2025-03-10T15:00")
    }

    func testReceivedAt1720FridayStartsAt0730NextWorkingDay() {
        XCTAssertEqual(day("2025-03-14").weekday, 5)
        assertDue("2025-03-14T17:20", 1, .workingDays, start: "2025-03-17T07:30", due: "2025-03-17T17:00")
    }

    // MARK: - Boundaries

    func testReceiptExactlyAtOpeningStartsAtOnce() {
        assertDue("2025-03-10T07:30", 1, .workingHours, start: "2025-03-10T07:30", due: "2025-03-10T08:30")
    }

    func testReceiptBeforeOpeningStartsAt0730() {
        assertDue("2025-03-10T06:59:59", 1, .workingHours, start: "2025-03-10T07:30", due: "2025-03-10T08:30")
    }

    func testReceiptExactlyAt1130StartsAt1330() {
        assertDue("2025-03-10T11:30", 1, .workingHours, start: "2025-03-10T13:30", due: "2025-03-10T14:30")
    }

    func testReceiptOneSecondBefore1130StartsAtOnce() {
        assertDue("2025-03-10T11:29:59", 1, .workingHours, start: "2025-03-10T11:29:59", due: "2025-03-10T14:29:59")
    }

    func testReceiptDuringLunchStartsAt1330() {
        assertDue("2025-03-10T12:15", 2, .workingHours, start: "2025-03-10T13:30", due: "2025-03-10T15:30")
    }

    func testReceiptExactlyAt1330StartsAtOnce() {
        assertDue("2025-03-10T13:30", 3, .workingHours, start: "2025-03-10T13:30", due: "2025-03-10T16:30")
    }

    func testReceiptExactlyAt1700StartsNextMorning() {
        assertDue("2025-03-10T17:00", 1, .workingHours, start: "2025-03-11T07:30", due: "2025-03-11T08:30")
    }

    func testLimitRunningOutAtMorningEndIsDueAt1130NotAfterLunch() {
        assertDue("2025-03-10T07:30", 4, .workingHours, start: "2025-03-10T07:30", due: "2025-03-10T11:30")
    }

    func testOneDayFromOpeningIsDueAt1700SameDayNotNextMorning() {
        assertDue("2025-03-10T07:30", 1, .workingDays, start: "2025-03-10T07:30", due: "2025-03-10T17:00")
    }

    func testHoursSpanningLunchAndNight() {
        assertDue("2025-03-10T11:00", 1, .workingHours, start: "2025-03-10T11:00", due: "2025-03-10T14:00")
        assertDue("2025-03-10T16:30", 2, .workingHours, start: "2025-03-10T16:30", due: "2025-03-11T09:00")
    }

    func testReceiptOnSaturdayStartsMonday() {
        assertDue("2025-03-15T10:00", 8, .workingHours, start: "2025-03-17T07:30", due: "2025-03-18T08:00")
    }

    func testReceiptOnSundayNightStartsMonday() {
        assertDue("2025-03-16T23:59:59", 1, .workingDays, start: "2025-03-17T07:30", due: "2025-03-17T17:00")
    }

    func testFiveWorkingDaysSkipTheWeekend() {
        assertDue("2025-03-10T16:00", 5, .workingDays, start: "2025-03-10T16:00", due: "2025-03-17T16:00")
    }

    func testTenWorkingDaysFromMondayMorning() {
        assertDue("2025-03-10T09:00", 10, .workingDays, start: "2025-03-10T09:00", due: "2025-03-24T09:00")
    }

    func testZeroLimitIsDueAtTheStart() {
        assertDue("2025-03-10T12:00", 0, .workingDays, start: "2025-03-10T13:30", due: "2025-03-10T13:30")
    }

    func testSecondsOfTheReceiptAreKept() {
        assertDue("2025-03-10T09:00:42", 1, .workingHours, start: "2025-03-10T09:00:42", due: "2025-03-10T10:00:42")
    }

    // MARK: - Tết of every year in the data

    func testTet2024BeforeAndDuring() {
        assertDue("2024-02-07T16:00", 1, .workingDays, start: "2024-02-07T16:00", due: "2024-02-15T16:00")
        assertDue("2024-02-12T09:00", 2, .workingDays, start: "2024-02-15T07:30", due: "2024-02-16T17:00")
    }

    func testTet2025BeforeAndDuring() {
        assertDue("2025-01-24T16:00", 1, .workingDays, start: "2025-01-24T16:00", due: "2025-02-03T16:00")
        assertDue("2025-01-29T10:00", 1, .workingDays, start: "2025-02-03T07:30", due: "2025-02-03T17:00")
    }

    func testTet2026BeforeAndDuring() {
        assertDue("2026-02-13T16:00", 1, .workingDays, start: "2026-02-13T16:00", due: "2026-02-23T16:00")
        assertDue("2026-02-18T08:00", 4, .workingHours, start: "2026-02-23T07:30", due: "2026-02-23T11:30")
    }

    func testTet2027ProvisionalBeforeAndDuring() {
        XCTAssertEqual(calendar.year(2027)?.isProvisional, true)
        assertDue("2027-02-04T16:00", 1, .workingDays, start: "2027-02-04T16:00", due: "2027-02-12T16:00")
        assertDue("2027-02-09T09:00", 1, .workingDays, start: "2027-02-12T07:30", due: "2027-02-12T17:00")
    }

    // MARK: - Swapped Saturdays and holidays

    func testSaturday4May2024IsWorkedAndCounts() {
        XCTAssertEqual(day("2024-05-04").weekday, 6)
        XCTAssertTrue(calendar.isWorkingDay(day("2024-05-04")))
        XCTAssertFalse(calendar.isWorkingDay(day("2024-05-05")))
        assertDue("2024-05-03T16:00", 1, .workingDays, start: "2024-05-03T16:00", due: "2024-05-04T16:00")
        assertDue("2024-04-26T16:00", 1, .workingDays, start: "2024-04-26T16:00", due: "2024-05-02T16:00")
    }

    func testSaturday10January2026IsWorkedAfterTheNewYearBridge() {
        XCTAssertFalse(calendar.isWorkingDay(day("2026-01-02")))
        XCTAssertTrue(calendar.isWorkingDay(day("2026-01-10")))
        assertDue("2025-12-31T16:00", 1, .workingDays, start: "2025-12-31T16:00", due: "2026-01-05T16:00")
        assertDue("2026-01-09T16:00", 1, .workingDays, start: "2026-01-09T16:00", due: "2026-01-10T16:00")
    }

    func testSaturday22August2026ReceiptInsideWorkingTimeStartsAtOnce() {
        XCTAssertTrue(calendar.isWorkingDay(day("2026-08-22")))
        XCTAssertFalse(calendar.isWorkingDay(day("2026-08-31")))
        assertDue("2026-08-22T09:00", 4, .workingHours, start: "2026-08-22T09:00", due: "2026-08-22T15:00")
        assertDue("2026-08-21T16:00", 1, .workingDays, start: "2026-08-21T16:00", due: "2026-08-22T16:00")
        assertDue("2026-08-28T16:00", 1, .workingDays, start: "2026-08-28T16:00", due: "2026-09-03T16:00")
    }

    func testYearWithoutDataCountsWeekendsOnly() {
        XCTAssertFalse(calendar.hasData(year: 2030))
        XCTAssertTrue(calendar.hasData(year: 2026))
        XCTAssertTrue(calendar.isWorkingDay(day("2030-01-01")))
        XCTAssertFalse(calendar.isWorkingDay(day("2030-01-05")))
        assertDue("2029-12-31T16:00", 1, .workingDays, start: "2029-12-31T16:00", due: "2030-01-01T16:00")
    }

    func testSetYearReplacesTheYearsData() {
        var edited = calendar
        let newYear = day("2030-01-01")
        edited.setYear(CalendarYear(year: 2030, holidays: [newYear: "Tết Dương lịch"]))
        XCTAssertFalse(edited.isWorkingDay(newYear))
        XCTAssertTrue(calendar.isWorkingDay(newYear), "the original value is unchanged")
    }

    func testCustomOfficeHoursChangeTheLengthOfADay() throws {
        let hours = try OfficeHours([(start: "08:00", end: "12:00"), (start: "13:00", end: "17:00")])
        let custom = WorkingCalendar(officeHours: hours)
        let result = custom.dueDate(receivedAt: vn("2025-03-10T16:00"), limit: TimeLimit(value: 1, unit: .workingDays))
        XCTAssertEqual(VietnamTime.format(result.due), "2025-03-11T16:00:00+07:00")
    }

    // MARK: - Measuring

    func testWorkingTimeBetweenExcludesLunchNightsAndHolidays() {
        XCTAssertEqual(calendar.workingTimeBetween(vn("2025-03-10T09:00"), vn("2025-03-10T15:00")), 240)
        XCTAssertEqual(calendar.workingTimeBetween(vn("2025-03-10T15:00"), vn("2025-03-10T09:00")), -240)
        XCTAssertEqual(calendar.workingTimeBetween(vn("2025-03-14T16:00"), vn("2025-03-17T08:30")), 120)
        XCTAssertEqual(calendar.workingTimeBetween(vn("2025-01-24T07:00"), vn("2025-02-03T18:00")), 900)
    }

    func testAddingWorkingMinutesForStepBudgets() {
        XCTAssertEqual(calendar.adding(workingMinutes: 90, to: vn("2025-03-10T11:00")), vn("2025-03-10T14:30"))
        XCTAssertEqual(calendar.adding(workingMinutes: 60, to: vn("2025-01-24T16:30")), vn("2025-02-03T08:00"))
        XCTAssertEqual(calendar.adding(workingMinutes: 0, to: vn("2025-03-15T10:00")), vn("2025-03-17T07:30"))
    }

    func testStartOfWorkingTimeAndIsWorkingTime() {
        XCTAssertTrue(calendar.isWorkingTime(vn("2025-03-10T07:30")))
        XCTAssertFalse(calendar.isWorkingTime(vn("2025-03-10T11:30")))
        XCTAssertFalse(calendar.isWorkingTime(vn("2025-03-15T09:00")))
        XCTAssertEqual(calendar.startOfWorkingTime(atOrAfter: vn("2025-03-10T17:00")), vn("2025-03-11T07:30"))
    }

    func testDueMinusStartIsTheLimitForManyRandomReceipts() {
        var rng = SeededGenerator(seed: 20_250_314)
        let from = vn("2024-01-01T00:00").timeIntervalSince1970
        let to = vn("2028-12-31T00:00").timeIntervalSince1970
        for _ in 0..<3_000 {
            let received = Date(timeIntervalSince1970: Double(Int.random(in: Int(from)..<Int(to), using: &rng)))
            let unit: TimeUnit = Bool.random(using: &rng) ? .workingDays : .workingHours
            let value = Int.random(in: 0...(unit == .workingDays ? 30 : 40), using: &rng)
            let limit = TimeLimit(value: value, unit: unit)
            let (start, due) = calendar.dueDate(receivedAt: received, limit: limit)
            let expected = limit.workingMinutes(minutesPerDay: 450)
            let context = "\(VietnamTime.format(received)) \(limit.label)"
            XCTAssertGreaterThanOrEqual(start, received, context)
            XCTAssertTrue(calendar.isWorkingTime(start), context)
            XCTAssertEqual(calendar.workingTimeBetween(received, start), 0, context)
            XCTAssertEqual(calendar.workingSecondsBetween(start, due), expected * 60, context)
            if expected > 0 {
                // Earliest: one second earlier, the limit has not yet elapsed.
                XCTAssertLessThan(calendar.workingSecondsBetween(start, due.addingTimeInterval(-1)), expected * 60, context)
            }
        }
    }
}
