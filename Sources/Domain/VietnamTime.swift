import Foundation

/// Vietnam time: a fixed offset of UTC+07:00 with no daylight saving time.
///
/// Formatting and parsing are done on bytes with integer arithmetic: due dates and API
/// timestamps are produced thousands of times per second, so no `DateFormatter` is used.
public enum VietnamTime {
    /// The offset from UTC, in seconds (+07:00).
    public static let offsetSeconds = 25_200

    /// Seconds in one day.
    static let secondsPerDay = 86_400

    /// Whole local seconds since 1970-01-01T00:00 Vietnam time (sub-second parts dropped,
    /// rounding towards the past).
    public static func localSeconds(_ date: Date) -> Int {
        let t = date.timeIntervalSince1970.rounded(.down)
        // Dates far outside any plausible range are clamped instead of trapping.
        let clamped = max(-1e15, min(1e15, t.isFinite ? t : 0))
        return Int(clamped) + offsetSeconds
    }

    /// The instant of `localSeconds` (seconds since 1970-01-01T00:00 Vietnam time).
    public static func date(localSeconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(localSeconds - offsetSeconds))
    }

    /// The Vietnam calendar date of an instant.
    public static func localDate(_ date: Date) -> LocalDate {
        LocalDate(daysSinceEpoch: floorDiv(localSeconds(date), secondsPerDay))
    }

    /// The minute of the Vietnam day (0…1439) of an instant.
    public static func minuteOfDay(_ date: Date) -> Int {
        floorMod(localSeconds(date), secondsPerDay) / 60
    }

    /// Midnight at the start of `day` in Vietnam.
    public static func startOfDay(_ day: LocalDate) -> Date {
        date(localSeconds: day.daysSinceEpoch * secondsPerDay)
    }

    /// The instant at `minuteOfDay` on `day`, Vietnam time.
    public static func date(_ day: LocalDate, minuteOfDay: Int) -> Date {
        date(localSeconds: day.daysSinceEpoch * secondsPerDay + minuteOfDay * 60)
    }

    /// Formats as `2025-03-14T08:30:00+07:00` (whole seconds; any fraction is dropped).
    public static func format(_ date: Date) -> String {
        let local = localSeconds(date)
        let day = LocalDate(daysSinceEpoch: floorDiv(local, secondsPerDay))
        let second = floorMod(local, secondsPerDay)
        var out = [UInt8]()
        out.reserveCapacity(25)
        ASCIIDigits.append(day.year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(day.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(day.day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        ASCIIDigits.append(second / 3_600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(second / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(second % 60, width: 2, to: &out)
        out.append(contentsOf: "+07:00".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses an instant.
    ///
    /// Accepted (RFC 3339 §5.6 profile of ISO 8601): `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±hh:mm)`
    /// (`T` may be `t` or a space, `Z` may be `z`), and a bare `YYYY-MM-DD`, read as midnight
    /// Vietnam time. Anything else, or an impossible field (month 13, 30 February, 24:00), is `nil`.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 10, let day = LocalDate(iso: String(decoding: b[0..<10], as: UTF8.self)) else {
            return nil
        }
        if b.count == 10 { return startOfDay(day) }
        guard b.count >= 20, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 0x20,
              b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
              let hour = ASCIIDigits.value(b, 11, 2), hour < 24,
              let minute = ASCIIDigits.value(b, 14, 2), minute < 60,
              let second = ASCIIDigits.value(b, 17, 2), second < 60 else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let digitsStart = i
            while i < b.count, ASCIIDigits.isDigit(b[i]) {
                fraction += Double(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > digitsStart else { return nil }
        }
        guard i < b.count else { return nil }
        let offset: Int
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard i + 1 == b.count else { return nil }
            offset = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                  let oh = ASCIIDigits.value(b, i + 1, 2), oh < 24,
                  let om = ASCIIDigits.value(b, i + 4, 2), om < 60 else { return nil }
            offset = (b[i] == UInt8(ascii: "+") ? 1 : -1) * (oh * 3_600 + om * 60)
        default:
            return nil
        }
        let utc = day.daysSinceEpoch * secondsPerDay + hour * 3_600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(utc) + fraction)
    }

    /// Parses a wall-clock time without offset, as HTML `datetime-local` inputs send it:
    /// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, read as Vietnam time.
    public static func parseLocal(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count == 16 || b.count == 19,
              let day = LocalDate(iso: String(decoding: b[0..<10], as: UTF8.self)),
              b[10] == UInt8(ascii: "T") || b[10] == 0x20, b[13] == UInt8(ascii: ":"),
              let hour = ASCIIDigits.value(b, 11, 2), hour < 24,
              let minute = ASCIIDigits.value(b, 14, 2), minute < 60 else { return nil }
        var second = 0
        if b.count == 19 {
            guard b[16] == UInt8(ascii: ":"), let s = ASCIIDigits.value(b, 17, 2), s < 60 else { return nil }
            second = s
        }
        return date(localSeconds: day.daysSinceEpoch * secondsPerDay + hour * 3_600 + minute * 60 + second)
    }

    /// Integer division rounding towards negative infinity.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Remainder with the sign of the divisor (always 0..<b for positive b).
    static func floorMod(_ a: Int, _ b: Int) -> Int {
        let r = a % b
        return r < 0 ? r + b : r
    }
}

extension VietnamTime {
    /// Formats for people: `08:30 ngày 14/03/2025`.
    public static func display(_ date: Date) -> String {
        let local = localSeconds(date)
        let day = LocalDate(daysSinceEpoch: floorDiv(local, secondsPerDay))
        let second = floorMod(local, secondsPerDay)
        var out = [UInt8]()
        ASCIIDigits.append(second / 3_600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(second / 60 % 60, width: 2, to: &out)
        out.append(contentsOf: " ngày ".utf8)
        ASCIIDigits.append(day.day, width: 2, to: &out)
        out.append(UInt8(ascii: "/"))
        ASCIIDigits.append(day.month, width: 2, to: &out)
        out.append(UInt8(ascii: "/"))
        ASCIIDigits.append(day.year, width: 4, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
