import Foundation

/// Working time: office hours on working days, and the due-date rule of BRIEF.md "Due dates".
///
/// A working day is Monday–Friday unless the year's data lists it as a holiday, plus any
/// weekend day listed as worked in exchange. A year without data has weekends only
/// (`hasData(year:)` tells the admin pages to warn).
///
/// All arithmetic is on integers: local seconds since 1970-01-01T00:00 Vietnam time, day
/// numbers since the epoch, and seconds of the day. Instants are taken to whole seconds
/// (a fraction of a second is dropped, towards the past).
///
/// Boundaries: office intervals are half-open. A receipt at exactly 17:00 (or 11:30) is outside
/// working time and starts at the next interval; a limit that runs out exactly at the end of an
/// interval is due at that end (17:00 that day, not 07:30 the next), since due is the *earliest*
/// instant at which the whole limit has elapsed.
public struct WorkingCalendar: Sendable {
    public private(set) var officeHours: OfficeHours
    public private(set) var years: [Int: CalendarYear]
    private var holidayDays: Set<Int> = []
    private var workdayDays: Set<Int> = []
    /// Interval bounds in seconds of the day, parallel to `officeHours.intervals`.
    private var bounds: [(start: Int, end: Int)] = []
    private var secondsPerDay = 0

    public init(officeHours: OfficeHours = .standard, years: [CalendarYear] = []) {
        self.officeHours = officeHours
        self.years = [:]
        for year in years { self.years[year.year] = year }
        rebuild()
    }

    /// Replaces (or adds) one year's data.
    public mutating func setYear(_ year: CalendarYear) {
        years[year.year] = year
        rebuild()
    }

    /// Replaces the office hours.
    public mutating func setOfficeHours(_ hours: OfficeHours) {
        officeHours = hours
        rebuild()
    }

    private mutating func rebuild() {
        holidayDays = []
        workdayDays = []
        for (number, year) in years {
            for date in year.holidays.keys where date.year == number {
                holidayDays.insert(date.daysSinceEpoch)
            }
            for date in year.workdays.keys where date.year == number {
                workdayDays.insert(date.daysSinceEpoch)
            }
        }
        bounds = officeHours.intervals.map { (start: $0.startMinute * 60, end: $0.endMinute * 60) }
        secondsPerDay = officeHours.workingMinutesPerDay * 60
    }

    /// True when the calendar holds data for `year` (otherwise weekends only are off).
    public func hasData(year: Int) -> Bool { years[year] != nil }

    /// The year's data, if any.
    public func year(_ year: Int) -> CalendarYear? { years[year] }

    /// True when `date` is a working day.
    public func isWorkingDay(_ date: LocalDate) -> Bool {
        isWorkingDay(daysSinceEpoch: date.daysSinceEpoch)
    }

    /// True when the day numbered `day` (days since 1970-01-01) is a working day.
    public func isWorkingDay(daysSinceEpoch day: Int) -> Bool {
        if holidayDays.contains(day) { return false }
        if LocalDate.weekday(daysSinceEpoch: day) >= 6 { return workdayDays.contains(day) }
        return true
    }

    /// True when `instant` falls inside working time.
    public func isWorkingTime(_ instant: Date) -> Bool {
        let t = VietnamTime.localSeconds(instant)
        return firstWorkingSecond(atOrAfter: t) == t
    }

    // MARK: - Due dates

    /// The start and due instant of a dossier received at `receivedAt` with `limit`
    /// (BRIEF.md "Due dates"). A limit outside 0…`TimeLimit.maxValue` is clamped into it;
    /// a limit of 0 is due at the start.
    public func dueDate(receivedAt: Date, limit: TimeLimit) -> (start: Date, due: Date) {
        let start = firstWorkingSecond(atOrAfter: VietnamTime.localSeconds(receivedAt))
        let amount = limit.workingMinutes(minutesPerDay: officeHours.workingMinutesPerDay) * 60
        let due = addWorkingSeconds(amount, toWorkingInstant: start)
        return (VietnamTime.date(localSeconds: start), VietnamTime.date(localSeconds: due))
    }

    /// The first instant of working time at or after `instant`.
    public func startOfWorkingTime(atOrAfter instant: Date) -> Date {
        VietnamTime.date(localSeconds: firstWorkingSecond(atOrAfter: VietnamTime.localSeconds(instant)))
    }

    /// The earliest instant at which `minutes` of working time have elapsed after `instant`.
    public func adding(workingMinutes minutes: Int, to instant: Date) -> Date {
        let start = firstWorkingSecond(atOrAfter: VietnamTime.localSeconds(instant))
        let amount = min(max(minutes, 0), TimeLimit.maxValue * 1_440) * 60
        return VietnamTime.date(localSeconds: addWorkingSeconds(amount, toWorkingInstant: start))
    }

    /// First working instant at or after local second `t`.
    private func firstWorkingSecond(atOrAfter t: Int) -> Int {
        var day = VietnamTime.floorDiv(t, 86_400)
        var second = t - day * 86_400
        // Terminates: beyond the years with data only weekends are off.
        while true {
            if isWorkingDay(daysSinceEpoch: day) {
                for bound in bounds where second < bound.end {
                    return day * 86_400 + max(second, bound.start)
                }
            }
            day += 1
            second = 0
        }
    }

    /// Adds `amount` seconds of working time to `start`, which must be a working instant.
    private func addWorkingSeconds(_ amount: Int, toWorkingInstant start: Int) -> Int {
        var remaining = amount
        var day = VietnamTime.floorDiv(start, 86_400)
        let second = start - day * 86_400
        // The rest of the start day, interval by interval.
        for bound in bounds where second < bound.end {
            let from = max(second, bound.start)
            let available = bound.end - from
            if remaining <= available { return day * 86_400 + from + remaining }
            remaining -= available
        }
        // Whole working days, then the interval where the remainder runs out.
        while true {
            day += 1
            guard isWorkingDay(daysSinceEpoch: day) else { continue }
            if remaining > secondsPerDay {
                remaining -= secondsPerDay
                continue
            }
            for bound in bounds {
                let length = bound.end - bound.start
                if remaining <= length { return day * 86_400 + bound.start + remaining }
                remaining -= length
            }
        }
    }

    // MARK: - Measuring working time

    /// Working time between two instants, in whole minutes (negative when `to` is before `from`).
    public func workingTimeBetween(_ from: Date, _ to: Date) -> Int {
        let seconds = workingSecondsBetween(from, to)
        return seconds >= 0 ? seconds / 60 : -((-seconds) / 60)
    }

    /// Working time between two instants, in seconds (negative when `to` is before `from`).
    public func workingSecondsBetween(_ from: Date, _ to: Date) -> Int {
        let a = VietnamTime.localSeconds(from), b = VietnamTime.localSeconds(to)
        return a <= b ? workingSeconds(a, b) : -workingSeconds(b, a)
    }

    private func workingSeconds(_ a: Int, _ b: Int) -> Int {
        let firstDay = VietnamTime.floorDiv(a, 86_400), lastDay = VietnamTime.floorDiv(b, 86_400)
        var total = 0
        var day = firstDay
        while day <= lastDay {
            defer { day += 1 }
            guard isWorkingDay(daysSinceEpoch: day) else { continue }
            if day != firstDay, day != lastDay {
                total += secondsPerDay
                continue
            }
            let base = day * 86_400
            for bound in bounds {
                let lo = max(a, base + bound.start), hi = min(b, base + bound.end)
                if hi > lo { total += hi - lo }
            }
        }
        return total
    }
}
