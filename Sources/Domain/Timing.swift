import Foundation

/// How a dossier's timing compares with its due date (BRIEF.md "Timing words").
///
/// Statistics always use `original_due_at`, never a date promised after an apology.
public enum Timing: String, Sendable, Hashable, Codable, CaseIterable {
    /// Trước hạn: finished on a calendar day (Vietnam) before the due day.
    case early
    /// Đúng hạn: finished on the due day, not after the due instant.
    case onTime = "on_time"
    /// Quá hạn: finished after the due instant.
    case late
    /// Trong hạn: still in progress, due instant not passed.
    case within
    /// Quá hạn: still in progress after the due instant.
    case overdue

    /// Timing of a dossier finished at `finishedAt`.
    public static func finished(at finishedAt: Date, originalDueAt: Date) -> Timing {
        if VietnamTime.localSeconds(finishedAt) > VietnamTime.localSeconds(originalDueAt) { return .late }
        if VietnamTime.localDate(finishedAt) < VietnamTime.localDate(originalDueAt) { return .early }
        return .onTime
    }

    /// Timing at `now` of a dossier still in progress.
    public static func inProgress(at now: Date, originalDueAt: Date) -> Timing {
        VietnamTime.localSeconds(now) > VietnamTime.localSeconds(originalDueAt) ? .overdue : .within
    }

    /// True for the three timings of a finished dossier.
    public var isFinished: Bool { self == .early || self == .onTime || self == .late }

    /// Vietnamese label, as on the control slip (Mẫu 05) and reports.
    public var label: String {
        switch self {
        case .early: return "Trước hạn"
        case .onTime: return "Đúng hạn"
        case .late: return "Quá hạn"
        case .within: return "Trong hạn"
        case .overdue: return "Quá hạn"
        }
    }
}
