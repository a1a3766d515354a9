extension WorkingCalendar {
    /// The columns of `Data/holidays-vn.csv`.
    public static let holidaysCSVColumns = ["date", "kind", "name", "source", "confidence"]

    /// Parses the format of `Data/holidays-vn.csv` into one `CalendarYear` per year, sorted.
    ///
    /// Columns `date,kind,name,source,confidence`: `date` is `YYYY-MM-DD`; `kind` is `holiday`
    /// (a weekday off) or `workday` (a weekend day worked in exchange); `confidence` is
    /// `official` or `rule`, and a year with any `rule` row is provisional. Errors carry the
    /// line number of the offending row.
    public static func parseHolidaysCSV(_ text: String) throws(CalendarError) -> [CalendarYear] {
        let table: CSVTable
        do {
            table = try CSVReader.table(text, required: holidaysCSVColumns)
        } catch {
            throw .csv(error)
        }
        var years = [Int: CalendarYear]()
        var seen = Set<LocalDate>()
        for row in table.rows {
            let dateText = (table.value("date", in: row) ?? "").trimmingSpaces()
            let kind = (table.value("kind", in: row) ?? "").trimmingSpaces()
            let name = (table.value("name", in: row) ?? "").trimmingSpaces()
            let confidence = (table.value("confidence", in: row) ?? "").trimmingSpaces()
            guard let date = LocalDate(iso: dateText) else { throw .badDate(line: row.line, text: dateText) }
            guard !name.isEmpty else { throw .emptyName(line: row.line) }
            guard seen.insert(date).inserted else { throw .duplicateDate(line: row.line, date: date) }
            var year = years[date.year] ?? CalendarYear(year: date.year)
            switch kind {
            case "holiday": year.holidays[date] = name
            case "workday": year.workdays[date] = name
            default: throw .badKind(line: row.line, text: kind)
            }
            switch confidence {
            case "official": break
            case "rule": year.isProvisional = true
            default: throw .badConfidence(line: row.line, text: confidence)
            }
            years[date.year] = year
        }
        return years.values.sorted { $0.year < $1.year }
    }
}
