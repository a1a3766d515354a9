/// The unit of a procedure's time limit.
public enum TimeUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ngày làm việc: one unit is the length of a working day (7.5 hours by default).
    case workingDays = "working_days"
    /// Giờ làm việc: one unit is 60 minutes of working time.
    case workingHours = "working_hours"

    /// Vietnamese name of the unit, as printed after the number ("5 ngày làm việc").
    public var label: String {
        switch self {
        case .workingDays: return "ngày làm việc"
        case .workingHours: return "giờ làm việc"
        }
    }
}

/// A time limit (thời hạn giải quyết) in working days or working hours.
public struct TimeLimit: Sendable, Hashable, Codable {
    public var value: Int
    public var unit: TimeUnit

    /// The largest accepted value: about 27 years of working days, far beyond any procedure,
    /// and small enough that due-date arithmetic can never overflow.
    public static let maxValue = 10_000

    public init(value: Int, unit: TimeUnit) {
        self.value = value
        self.unit = unit
    }

    /// True when `value` is in 0…`maxValue` (0 means "on the spot": due at the start).
    public var isValid: Bool { (0...TimeLimit.maxValue).contains(value) }

    /// The amount of working time, in minutes, for a working day of `minutesPerDay`.
    /// Values outside 0…`maxValue` are clamped into it.
    public func workingMinutes(minutesPerDay: Int) -> Int {
        let v = min(max(value, 0), TimeLimit.maxValue)
        switch unit {
        case .workingDays: return v * minutesPerDay
        case .workingHours: return v * 60
        }
    }

    /// "5 ngày làm việc", "4 giờ làm việc".
    public var label: String { "\(value) \(unit.label)" }
}
