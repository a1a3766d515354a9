/// The office hours of a working day: sorted, non-overlapping intervals in minutes of the day.
///
/// Intervals are half-open, `[start, end)`: an office open 07:30–11:30 is working at 07:30 and
/// at 11:29:59, not at 11:30.
public struct OfficeHours: Sendable, Hashable, Codable {
    /// One opening interval, `[startMinute, endMinute)` in minutes since local midnight.
    public struct Interval: Sendable, Hashable, Codable {
        public let startMinute: Int
        public let endMinute: Int

        public init(startMinute: Int, endMinute: Int) {
            self.startMinute = startMinute
            self.endMinute = endMinute
        }

        /// Length in minutes.
        public var minutes: Int { endMinute - startMinute }

        /// `"07:30"`.
        public var start: String { OfficeHours.formatTime(startMinute) }
        /// `"11:30"`.
        public var end: String { OfficeHours.formatTime(endMinute) }

        private enum CodingKeys: String, CodingKey { case start, end }

        /// Decodes the API shape `{"start": "07:30", "end": "11:30"}`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let start = try c.decode(String.self, forKey: .start)
            let end = try c.decode(String.self, forKey: .end)
            guard let s = OfficeHours.parseTime(start) else {
                throw DecodingError.dataCorruptedError(forKey: .start, in: c, debugDescription: "Expected HH:MM")
            }
            guard let e = OfficeHours.parseTime(end) else {
                throw DecodingError.dataCorruptedError(forKey: .end, in: c, debugDescription: "Expected HH:MM")
            }
            self.init(startMinute: s, endMinute: e)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        }
    }

    public let intervals: [Interval]
    /// Sum of the intervals' lengths, in minutes.
    public let workingMinutesPerDay: Int

    /// 07:30–11:30 and 13:30–17:00 (7.5 working hours), MotCua's default.
    public static let standard = OfficeHours(checked: [
        Interval(startMinute: 450, endMinute: 690),
        Interval(startMinute: 810, endMinute: 1_020),
    ])

    /// Validates and creates office hours: at least one interval, each within 00:00–24:00 and
    /// non-empty, in increasing order without overlap (touching intervals are allowed).
    public init(intervals: [Interval]) throws(OfficeHoursError) {
        guard !intervals.isEmpty else { throw .empty }
        var previousEnd = 0
        for (index, interval) in intervals.enumerated() {
            guard interval.startMinute >= 0, interval.endMinute <= 1_440 else {
                throw .outOfDay(index: index)
            }
            guard interval.startMinute < interval.endMinute else { throw .emptyInterval(index: index) }
            guard index == 0 || interval.startMinute >= previousEnd else {
                throw .overlapping(index: index)
            }
            previousEnd = interval.endMinute
        }
        self.init(checked: intervals)
    }

    /// Parses pairs of `"HH:MM"` texts, then validates as `init(intervals:)`.
    public init(_ pairs: [(start: String, end: String)]) throws(OfficeHoursError) {
        var intervals = [Interval]()
        for (index, pair) in pairs.enumerated() {
            guard let s = OfficeHours.parseTime(pair.start), let e = OfficeHours.parseTime(pair.end) else {
                throw .badTime(index: index)
            }
            intervals.append(Interval(startMinute: s, endMinute: e))
        }
        try self.init(intervals: intervals)
    }

    private init(checked intervals: [Interval]) {
        self.intervals = intervals
        self.workingMinutesPerDay = intervals.reduce(0) { $0 + $1.minutes }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let intervals = try container.decode([Interval].self)
        do {
            try self.init(intervals: intervals)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(intervals)
    }

    /// Parses `"07:30"` (also `"7:30"`, and `"24:00"` as the end of the day) into minutes.
    public static func parseTime(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 4 || b.count == 5, b[b.count - 3] == UInt8(ascii: ":"),
              let h = ASCIIDigits.value(b, 0, b.count - 3),
              let m = ASCIIDigits.value(b, b.count - 2, 2), m < 60 else { return nil }
        guard h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    /// Formats minutes of the day as `"07:30"`.
    public static func formatTime(_ minuteOfDay: Int) -> String {
        var out = [UInt8]()
        ASCIIDigits.append(minuteOfDay / 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        ASCIIDigits.append(minuteOfDay % 60, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Why a set of office hours was rejected.
public enum OfficeHoursError: Error, Sendable, Hashable {
    case empty
    case badTime(index: Int)
    case outOfDay(index: Int)
    case emptyInterval(index: Int)
    case overlapping(index: Int)

    /// Vietnamese text for people.
    public var message: String {
        switch self {
        case .empty:
            return "Giờ làm việc phải có ít nhất một khoảng thời gian."
        case .badTime(let i):
            return "Khoảng thứ \(i + 1): giờ không hợp lệ (dạng HH:MM, ví dụ 07:30)."
        case .outOfDay(let i):
            return "Khoảng thứ \(i + 1) nằm ngoài một ngày (00:00–24:00)."
        case .emptyInterval(let i):
            return "Khoảng thứ \(i + 1): giờ bắt đầu phải trước giờ kết thúc."
        case .overlapping(let i):
            return "Khoảng thứ \(i + 1) phải bắt đầu sau khi khoảng trước kết thúc."
        }
    }
}
