import Domain
import Foundation
import HTTP

/// `GET`/`PUT /api/v1/calendar/{year}` and `GET /api/v1/calendar/due`: the working-day
/// calendar as data, and the due-date rule of BRIEF.md "Due dates" for the counter.
struct CalendarHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }
    /// Years the calendar may hold.
    static let years = 2000...2100

    func show(_ request: Request) throws -> Response {
        let year = try Self.year(of: request)
        return Self.render(year: year, calendar: context.calendar)
    }

    func replace(_ request: Request) throws -> Response {
        let user = try authenticator.requireUser(for: request, now: context.now())
        guard user.role == .admin else {
            throw APIError.forbidden("Chỉ quản trị hệ thống mới được sửa lịch làm việc.")
        }
        let year = try Self.year(of: request)
        let form = try CalendarYearForm.validate(try JSONBody.parse(request), year: year)
        try context.replaceCalendarYear(form.year, officeHours: form.officeHours)
        return Self.render(year: year, calendar: context.calendar)
    }

    /// `from` (ISO-8601 with offset), `value` (1…10000) and `unit` → `{"start_at", "due_at"}`.
    func due(_ request: Request) throws -> Response {
        var problems: [String: String] = [:]
        let from = request.query("from").flatMap { VietnamTime.parse($0) }
        if from == nil { problems["from"] = "from phải là thời điểm ISO-8601 có múi giờ, ví dụ 2025-03-14T08:30:00+07:00." }
        let value = request.query("value").flatMap { Int($0) }
        if value == nil || value.map({ $0 < 1 || $0 > TimeLimit.maxValue }) == true {
            problems["value"] = "value phải là số nguyên dương (tối đa \(TimeLimit.maxValue))."
        }
        let unit = request.query("unit").flatMap(TimeUnit.init(rawValue:))
        if unit == nil { problems["unit"] = "unit phải là working_days hoặc working_hours." }
        guard problems.isEmpty, let from, let value, let unit else { throw APIError.validationFailed(problems) }
        let (start, due) = context.calendar.dueDate(receivedAt: from, limit: TimeLimit(value: value, unit: unit))
        return JSONResponse.make { json in
            json.beginObject()
            json.key("start_at"); json.string(VietnamTime.format(start))
            json.key("due_at"); json.string(VietnamTime.format(due))
            json.key("time_limit"); ProcedureDefinition.write(TimeLimit(value: value, unit: unit), into: &json)
            json.endObject()
        }
    }

    static func year(of request: Request) throws -> Int {
        guard let text = request.pathParameters["year"], let year = Int(text) else {
            throw APIError.badRequest("Năm không hợp lệ: cần một số, ví dụ /api/v1/calendar/2025.")
        }
        guard years.contains(year) else {
            throw APIError.notFound("Không có lịch làm việc cho năm này (năm \(years.lowerBound)–\(years.upperBound)).")
        }
        return year
    }

    /// The API shape, plus `has_data` (false: no data for the year, weekends only — the admin
    /// pages warn) and `provisional` (days derived by rule, not yet the Government's notice).
    static func render(year: Int, calendar: WorkingCalendar) -> Response {
        let data = calendar.year(year)
        return JSONResponse.make { json in
            json.beginObject()
            json.key("year"); json.int(year)
            json.key("office_hours")
            json.beginArray()
            for interval in calendar.officeHours.intervals {
                json.beginObject()
                json.key("start"); json.string(interval.start)
                json.key("end"); json.string(interval.end)
                json.endObject()
            }
            json.endArray()
            for (key, days) in [("holidays", data?.sortedHolidays ?? []), ("working_days", data?.sortedWorkdays ?? [])] {
                json.key(key)
                json.beginArray()
                for day in days {
                    json.beginObject()
                    json.key("date"); json.string(day.date.iso)
                    json.key("name"); json.string(day.name)
                    json.endObject()
                }
                json.endArray()
            }
            json.key("has_data"); json.bool(data != nil)
            json.key("provisional"); json.bool(data?.isProvisional ?? false)
            json.endObject()
        }
    }
}
