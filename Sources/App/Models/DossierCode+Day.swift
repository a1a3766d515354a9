import Domain

extension DossierCode {
    /// The `YYMMDD` part of a code for `day`, the key of the daily sequence.
    static func dayKey(_ day: LocalDate) -> String {
        let year = day.year % 100, month = day.month, date = day.day
        return (year < 10 ? "0" : "") + String(year) + (month < 10 ? "0" : "") + String(month)
            + (date < 10 ? "0" : "") + String(date)
    }
}
