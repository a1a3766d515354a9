import Domain
import Foundation
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
            // Years an administrator set, even with no day that differs from the plain week.
            if let row = try connection.queryOne("SELECT value FROM settings WHERE key = 'calendar_years'") {
                for number in try row.string("value").split(separator: ",").compactMap({ Int($0) }) where years[number] == nil {
                    years[number] = CalendarYear(year: number)
                }
            }
            var hours = OfficeHours.standard
            if let row = try connection.queryOne("SELECT value FROM settings WHERE key = 'office_hours'"),
               let stored = try? JSONDecoder().decode(OfficeHours.self, from: Data(try row.string("value").utf8)) {
                hours = stored
            }
            return WorkingCalendar(officeHours: hours, years: years.values.sorted { $0.year < $1.year })
        }
    }

    /// Replaces one year's days and the office hours in one transaction (`PUT
    /// /api/v1/calendar/{year}`). Stored due dates of dossiers are not touched: a dossier keeps
    /// the calendar in force at its receipt.
    func replace(_ year: CalendarYear, officeHours: OfficeHours) throws {
        let hours = String(decoding: try JSONEncoder().encode(officeHours), as: UTF8.self)
        try database.write { connection in
            try connection.run("DELETE FROM calendar_days WHERE date >= ? AND date < ?",
                               [SQLiteValue("\(year.year)-01-01"), SQLiteValue("\(year.year + 1)-01-01")])
            _ = try Self.insert([year], on: connection)
            try connection.run("INSERT INTO settings (key, value) VALUES ('office_hours', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               [SQLiteValue(hours)])
            var set = Set(try connection.queryOne("SELECT value FROM settings WHERE key = 'calendar_years'")
                .map { try $0.string("value").split(separator: ",").compactMap { Int($0) } } ?? [])
            set.insert(year.year)
            try connection.run("INSERT INTO settings (key, value) VALUES ('calendar_years', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               [SQLiteValue(set.sorted().map(String.init).joined(separator: ","))])
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
