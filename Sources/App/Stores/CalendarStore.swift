import Domain
import Storage

/// The working-day calendar as data: days that differ from the plain Monday–Friday week, and
/// the office hours (setting `office_hours`, JSON; default 07:30–11:30, 13:30–17:00).
struct CalendarStore: Sendable {
    let database: Database

    func load() throws -> WorkingCalendar {
        try database.read { connection in
            var years: [Int: CalendarYear] = [:]
            for row in try connection.query("SELECT date, kind, name, provisional FROM calendar_days ORDER BY date") {
                guard let date = LocalDate(iso: try row.string("date")) else { continue }
                var year = years[date.year] ?? CalendarYear(year: date.year)
                if try row.string("kind") == "holiday" {
                    year.holidays[date] = try row.string("name")
                } else {
                    year.workdays[date] = try row.string("name")
                }
                if try row.int("provisional") != 0 { year.isProvisional = true }
                years[date.year] = year
            }
            return WorkingCalendar(officeHours: .standard, years: years.values.sorted { $0.year < $1.year })
        }
    }

    /// Inserts the days of `years`; returns how many rows were written.
    static func insert(_ years: [CalendarYear], on connection: Connection) throws -> Int {
        var count = 0
        for year in years {
            for (date, name) in year.sortedHolidays {
                try connection.run("INSERT INTO calendar_days (date, kind, name, provisional) VALUES (?, 'holiday', ?, ?)",
                                   [SQLiteValue(date.iso), SQLiteValue(name), SQLiteValue(year.isProvisional)])
                count += 1
            }
            for (date, name) in year.sortedWorkdays {
                try connection.run("INSERT INTO calendar_days (date, kind, name, provisional) VALUES (?, 'workday', ?, ?)",
                                   [SQLiteValue(date.iso), SQLiteValue(name), SQLiteValue(year.isProvisional)])
                count += 1
            }
        }
        return count
    }
}
