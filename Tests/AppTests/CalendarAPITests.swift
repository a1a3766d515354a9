import Domain
import Foundation
import Storage
import XCTest
@testable import App

/// The working-day calendar over HTTP: reading a year, the due-date rule of BRIEF.md "Due
/// dates" with its worked examples, and an administrator replacing a year.
final class CalendarAPITests: AppTestCase {
    /// Signs in a new account of `role` (the base class has no admin).
    func signIn(_ name: String, role: Role, agencyID: Int? = nil) throws -> String {
        _ = try UserStore(database: application.database).add(
            UserStore.NewUser(username: name, password: Self.password, fullName: "Người \(name)", role: role,
                              agencyID: agencyID, idNumber: nil, phone: nil, email: nil),
            hasher: PasswordHasher(iterations: 1000), now: Date())
        return try token(name)
    }

    func due(_ from: String, _ value: Int, _ unit: String) throws -> Reply {
        let encoded = from.replacingOccurrences(of: "+", with: "%2B")
        return try call("GET", "/api/v1/calendar/due?from=\(encoded)&value=\(value)&unit=\(unit)")
    }

    func assertDue(_ from: String, _ value: Int, _ unit: String, start: String, due expected: String,
                   file: StaticString = #filePath, line: UInt = #line) throws {
        let reply = try due(from, value, unit)
        XCTAssertEqual(reply.status, 200, reply.text, file: file, line: line)
        XCTAssertEqual(reply.json["start_at"] as? String, start, file: file, line: line)
        XCTAssertEqual(reply.json["due_at"] as? String, expected, file: file, line: line)
    }

    func testYearListsOfficeHoursHolidaysAndSwappedWorkingDays() throws {
        let reply = try call("GET", "/api/v1/calendar/2025")
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["year"] as? Int, 2025)
        let hours = try XCTUnwrap(reply.json["office_hours"] as? [[String: String]])
        XCTAssertEqual(hours, [["start": "07:30", "end": "11:30"], ["start": "13:30", "end": "17:00"]])
        let holidays = try XCTUnwrap(reply.json["holidays"] as? [[String: String]])
        XCTAssertTrue(holidays.contains { $0["date"] == "2025-01-29" && $0["name"]?.contains("Tết Nguyên đán") == true })
        XCTAssertEqual(holidays.map { $0["date"] ?? "" }, holidays.map { $0["date"] ?? "" }.sorted())
        let workdays = try XCTUnwrap(reply.json["working_days"] as? [[String: String]])
        XCTAssertEqual(workdays.map { $0["date"] }, ["2025-04-26"])
        XCTAssertEqual(reply.json["has_data"] as? Bool, true)
        let empty = try call("GET", "/api/v1/calendar/2040")
        XCTAssertEqual(empty.json["has_data"] as? Bool, false)
        XCTAssertEqual((empty.json["holidays"] as? [Any])?.count, 0)
        XCTAssertEqual(try call("GET", "/api/v1/calendar/nam-nay").status, 400)
        XCTAssertEqual(try call("GET", "/api/v1/calendar/1800").status, 404)
    }

    func testDueDatesFollowTheWorkedExamplesOfTheBrief() throws {
        // Monday 10 March 2025, 16:00 + 1 working day → Tuesday 16:00.
        try assertDue("2025-03-10T16:00:00+07:00", 1, "working_days",
                      start: "2025-03-10T16:00:00+07:00", due: "2025-03-11T16:00:00+07:00")
        // 09:00 + 4 working hours → 15:00 the same day (lunch 11:30–13:30 is not working time).
        try assertDue("2025-03-10T09:00:00+07:00", 4, "working_hours",
                      start: "2025-03-10T09:00:00+07:00", due: "2025-03-10T15:00:00+07:00")
        // 17:20 on Friday 14 March → starts 07:30 on Monday 17 March.
        try assertDue("2025-03-14T17:20:00+07:00", 1, "working_hours",
                      start: "2025-03-17T07:30:00+07:00", due: "2025-03-17T08:30:00+07:00")
        // The same instant given in UTC.
        try assertDue("2025-03-10T02:00:00Z", 4, "working_hours",
                      start: "2025-03-10T09:00:00+07:00", due: "2025-03-10T15:00:00+07:00")
    }

    func testDueDatesSkipTet2025And2026() throws {
        // Friday 24 January 2025 16:00: one hour that day, then Tết (27–31 January), then 6.5 h on Monday 3 February.
        try assertDue("2025-01-24T16:00:00+07:00", 1, "working_days",
                      start: "2025-01-24T16:00:00+07:00", due: "2025-02-03T16:00:00+07:00")
        // Received during Tết 2026 (Wednesday 18 February): starts Monday 23 February at 07:30.
        try assertDue("2026-02-18T10:00:00+07:00", 2, "working_days",
                      start: "2026-02-23T07:30:00+07:00", due: "2026-02-24T17:00:00+07:00")
    }

    func testBadDueParametersAreRejectedWithVietnameseMessages() throws {
        let reply = try call("GET", "/api/v1/calendar/due?from=hom-nay&value=0&unit=days")
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldErrors.keys), ["from", "value", "unit"])
        XCTAssertTrue(reply.fieldErrors["value"]?.contains("số nguyên dương") == true)
        let missing = try call("GET", "/api/v1/calendar/due")
        XCTAssertEqual(missing.status, 422)
        XCTAssertNotNil(missing.fieldErrors["from"])
    }

    func calendarBody(holidays: [[String: String]], workingDays: [[String: String]] = [],
                      hours: [[String: String]] = [["start": "07:30", "end": "11:30"], ["start": "13:30", "end": "17:00"]]) -> [String: Any] {
        ["year": 2030, "office_hours": hours, "holidays": holidays, "working_days": workingDays]
    }

    func testOnlyAnAdminMayReplaceAYear() throws {
        let body = calendarBody(holidays: [])
        XCTAssertEqual(try call("PUT", "/api/v1/calendar/2030", json: body).status, 401)
        XCTAssertEqual(try call("PUT", "/api/v1/calendar/2030", json: body, token: try token("monitor")).status, 403)
        XCTAssertEqual(try call("PUT", "/api/v1/calendar/2030", json: body, token: try token("centre")).status, 403)
    }

    func testReplacingAYearChangesDueDatesButNotThoseOfDossiersAlreadyReceived() throws {
        let admin = try signIn("quan.tri", role: .admin)
        // A dossier received now keeps the due date computed with the calendar in force.
        let created = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        XCTAssertEqual(created.status, 201, created.text)
        let code = try XCTUnwrap(created.json["code"] as? String)
        let dueBefore = try XCTUnwrap(created.json["due_at"] as? String)
        let today = VietnamTime.localDate(Date())
        // Every weekday of this year and the next becomes a holiday: any due date would move.
        var replies = [Reply]()
        for year in [today.year, today.year + 1] {
            var holidays = [[String: String]]()
            var day = LocalDate(year: year, month: 1, day: 1) ?? today
            while day.year == year {
                if !day.isWeekend { holidays.append(["date": day.iso, "name": "Nghỉ thử nghiệm"]) }
                day = day.adding(days: 1)
            }
            replies.append(try call("PUT", "/api/v1/calendar/\(year)",
                                    json: ["office_hours": [["start": "08:00", "end": "12:00"]], "holidays": holidays], token: admin))
        }
        XCTAssertEqual(replies.map(\.status), [200, 200], replies.first?.text ?? "")
        XCTAssertEqual((replies[0].json["office_hours"] as? [[String: String]])?.first?["start"], "08:00")
        let shown = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(shown.json["due_at"] as? String, dueBefore)
        XCTAssertEqual(shown.json["original_due_at"] as? String, dueBefore)
        // The in-memory calendar was refreshed: a new quote skips the whole year.
        let quote = try due("\(today.iso)T09:00:00+07:00", 1, "working_hours")
        XCTAssertTrue((quote.json["start_at"] as? String ?? "").hasPrefix("\(today.year + 2)-01-"), quote.text)
        // And stored: the year reads back from the database.
        let stored = try CalendarStore(database: application.database).load()
        XCTAssertEqual(stored.officeHours.intervals.first?.start, "08:00")
        XCTAssertFalse(stored.isWorkingDay(LocalDate(year: today.year + 1, month: 3, day: 3) ?? today))
    }

    func testInvalidYearBodiesAreRejectedFieldByFieldAndChangeNothing() throws {
        let admin = try signIn("quan.tri", role: .admin)
        let cases: [([String: Any], String)] = [
            (calendarBody(holidays: [["date": "2031-01-01", "name": "Tết Dương lịch"]]), "holidays[0].date"),
            (calendarBody(holidays: [["date": "2030-02-30", "name": "Không có"]]), "holidays[0].date"),
            (calendarBody(holidays: [["date": "2030-01-01", "name": " "]]), "holidays[0].name"),
            (calendarBody(holidays: [["date": "2030-01-05", "name": "Nghỉ"]], workingDays: [["date": "2030-01-05", "name": "Làm bù"]]),
             "working_days[0].date"),
            (calendarBody(holidays: [], workingDays: [["date": "2030-01-07", "name": "Làm bù thứ Hai"]]), "working_days[0].date"),
            (calendarBody(holidays: [], hours: [["start": "7h30", "end": "11:30"]]), "office_hours"),
            (calendarBody(holidays: [], hours: [["start": "13:30", "end": "17:00"], ["start": "07:30", "end": "14:00"]]), "office_hours"),
            (calendarBody(holidays: [], hours: [["start": "11:30", "end": "07:30"]]), "office_hours"),
            (["year": 2031, "office_hours": [["start": "07:30", "end": "11:30"]]], "year"),
        ]
        for (body, field) in cases {
            let reply = try call("PUT", "/api/v1/calendar/2030", json: body, token: admin)
            XCTAssertEqual(reply.status, 422, "\(field): \(reply.text)")
            XCTAssertNotNil(reply.fieldErrors[field], "\(field): \(reply.text)")
        }
        let after = try call("GET", "/api/v1/calendar/2030")
        XCTAssertEqual(after.json["has_data"] as? Bool, false)
        XCTAssertEqual((after.json["office_hours"] as? [Any])?.count, 2)
    }

    func testAYearSetWithoutAnyDayOffStillCountsAsHavingData() throws {
        let admin = try signIn("quan.tri", role: .admin)
        let reply = try call("PUT", "/api/v1/calendar/2030", json: calendarBody(holidays: []), token: admin)
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.json["has_data"] as? Bool, true)
        XCTAssertEqual(try call("GET", "/api/v1/calendar/2030").json["has_data"] as? Bool, true)
        XCTAssertTrue(try CalendarStore(database: application.database).load().hasData(year: 2030))
        XCTAssertEqual(try call("GET", "/api/v1/calendar/2031").json["has_data"] as? Bool, false)
    }
}
