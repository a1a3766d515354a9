/// One year of the working-day calendar: its days off and its swapped working days.
///
/// `holidays` are weekdays that are not worked (public holidays, compensatory days, swapped-away
/// days); `workdays` are weekend days worked in exchange (làm bù). A provisional year holds rows
/// derived from the Labour Code before the Government's notice (confidence `rule` in
/// `holidays-vn.csv`), shown as such until an administrator confirms them.
public struct CalendarYear: Sendable, Hashable {
    public var year: Int
    public var holidays: [LocalDate: String]
    public var workdays: [LocalDate: String]
    public var isProvisional: Bool

    public init(year: Int, holidays: [LocalDate: String] = [:], workdays: [LocalDate: String] = [:],
                isProvisional: Bool = false) {
        self.year = year
        self.holidays = holidays
        self.workdays = workdays
        self.isProvisional = isProvisional
    }

    /// Holidays sorted by date, as the calendar endpoint lists them.
    public var sortedHolidays: [(date: LocalDate, name: String)] {
        holidays.sorted { $0.key < $1.key }.map { (date: $0.key, name: $0.value) }
    }

    /// Swapped working days sorted by date.
    public var sortedWorkdays: [(date: LocalDate, name: String)] {
        workdays.sorted { $0.key < $1.key }.map { (date: $0.key, name: $0.value) }
    }

    /// Checks that every date lies in `year` and that no date is both a holiday and a workday.
    public func validate() throws(CalendarError) {
        for date in holidays.keys.sorted() where date.year != year {
            throw .dateOutsideYear(date: date, year: year)
        }
        for date in workdays.keys.sorted() {
            guard date.year == year else { throw .dateOutsideYear(date: date, year: year) }
            if holidays[date] != nil { throw .holidayAndWorkday(date: date) }
        }
    }
}

/// Why calendar data was rejected.
public enum CalendarError: Error, Sendable, Hashable {
    case csv(CSVError)
    case badDate(line: Int, text: String)
    case badKind(line: Int, text: String)
    case badConfidence(line: Int, text: String)
    case emptyName(line: Int)
    case duplicateDate(line: Int, date: LocalDate)
    case dateOutsideYear(date: LocalDate, year: Int)
    case holidayAndWorkday(date: LocalDate)

    /// Vietnamese text for people.
    public var message: String {
        switch self {
        case .csv(let error):
            return error.message
        case .badDate(let line, let text):
            return "Dòng \(line): ngày \"\(text)\" không hợp lệ (dạng YYYY-MM-DD)."
        case .badKind(let line, let text):
            return "Dòng \(line): loại ngày \"\(text)\" không hợp lệ (holiday hoặc workday)."
        case .badConfidence(let line, let text):
            return "Dòng \(line): độ tin cậy \"\(text)\" không hợp lệ (official hoặc rule)."
        case .emptyName(let line):
            return "Dòng \(line): thiếu tên ngày nghỉ hoặc ngày làm bù."
        case .duplicateDate(let line, let date):
            return "Dòng \(line): ngày \(date.iso) đã có ở dòng trước."
        case .dateOutsideYear(let date, let year):
            return "Ngày \(date.iso) không thuộc năm \(year)."
        case .holidayAndWorkday(let date):
            return "Ngày \(date.iso) không thể vừa là ngày nghỉ vừa là ngày làm bù."
        }
    }
}
