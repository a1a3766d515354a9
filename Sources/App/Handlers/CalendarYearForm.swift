import Domain
import Foundation

/// The body of `PUT /api/v1/calendar/{year}`, validated: office hours well-formed (HH:MM,
/// ordered, not overlapping), every date inside the year, a working day a weekend day, and no
/// date both a holiday and a working day. Problems are keyed like `holidays[2].date`.
struct CalendarYearForm {
    var year: CalendarYear
    var officeHours: OfficeHours

    static func validate(_ body: JSONBody, year number: Int) throws -> CalendarYearForm {
        var problems: [String: String] = [:]
        if let stated = body.object["year"], (stated as? Int) != number {
            problems["year"] = "Năm trong nội dung phải trùng với năm trên đường dẫn (\(number))."
        }
        var hours: OfficeHours?
        if let items = body.object["office_hours"] as? [[String: Any]] {
            let pairs = items.map { (start: $0["start"] as? String ?? "", end: $0["end"] as? String ?? "") }
            do {
                hours = try OfficeHours(pairs)
            } catch {
                problems["office_hours"] = error.message
            }
        } else {
            problems["office_hours"] = "Vui lòng nhập giờ làm việc: mảng các khoảng {\"start\": \"07:30\", \"end\": \"11:30\"}."
        }
        var year = CalendarYear(year: number)
        for (key, isHoliday) in [("holidays", true), ("working_days", false)] {
            let days = days(body.object[key], key: key, year: number, problems: &problems)
            for (index, day) in days.enumerated() {
                let place = "\(key)[\(index)].date"
                if isHoliday {
                    if year.holidays[day.date] != nil { problems[place] = "Ngày \(day.date.iso) đã có trong danh sách." }
                    year.holidays[day.date] = day.name
                } else {
                    if year.workdays[day.date] != nil { problems[place] = "Ngày \(day.date.iso) đã có trong danh sách." }
                    if !day.date.isWeekend {
                        problems[place] = "Ngày làm bù \(day.date.iso) phải là thứ Bảy hoặc Chủ nhật."
                    } else if year.holidays[day.date] != nil {
                        problems[place] = "Ngày \(day.date.iso) không thể vừa là ngày nghỉ vừa là ngày làm bù."
                    }
                    year.workdays[day.date] = day.name
                }
            }
        }
        guard problems.isEmpty, let hours else { throw APIError.validationFailed(problems) }
        return CalendarYearForm(year: year, officeHours: hours)
    }

    /// The `[{"date", "name"}]` list of `key`; absent means none.
    private static func days(_ value: Any?, key: String, year: Int,
                             problems: inout [String: String]) -> [(date: LocalDate, name: String)] {
        guard let value, !(value is NSNull) else { return [] }
        guard let items = value as? [Any] else {
            problems[key] = "Phải là một mảng các ngày {\"date\": \"YYYY-MM-DD\", \"name\": \"…\"}."
            return []
        }
        var days = [(date: LocalDate, name: String)]()
        for (index, item) in items.enumerated() {
            let object = item as? [String: Any] ?? [:]
            let place = "\(key)[\(index)]"
            guard let text = object["date"] as? String, let date = LocalDate(iso: text) else {
                problems[place + ".date"] = "Ngày không hợp lệ (dạng YYYY-MM-DD)."
                continue
            }
            guard date.year == year else {
                problems[place + ".date"] = "Ngày \(date.iso) không thuộc năm \(year)."
                continue
            }
            let name = JSONBody.trimmingWhitespace(object["name"] as? String ?? "")
            guard !name.isEmpty else {
                problems[place + ".name"] = "Vui lòng nhập tên ngày."
                continue
            }
            days.append((date, name))
        }
        return days
    }
}
