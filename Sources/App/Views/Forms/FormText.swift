import Domain
import Foundation

/// How the forms of TT 01/2018 write times, money and other values in Vietnamese.
enum FormText {
    /// "08 giờ 30 phút, ngày 14 tháng 3 năm 2025" (Mẫu 01 items 4 and 5, Mẫu 05).
    static func longTime(_ date: Date) -> String {
        let day = VietnamTime.localDate(date)
        let minute = VietnamTime.minuteOfDay(date)
        return "\(twoDigits(minute / 60)) giờ \(twoDigits(minute % 60)) phút, ngày \(day.day) tháng \(day.month) năm \(day.year)"
    }

    /// "ngày 14 tháng 3 năm 2025", for the place-and-date line.
    static func longDate(_ date: Date) -> String {
        let day = VietnamTime.localDate(date)
        return "ngày \(day.day) tháng \(day.month) năm \(day.year)"
    }

    /// "14/03/2025" (Mẫu 06 columns 7–9).
    static func shortDate(_ date: Date) -> String {
        let day = VietnamTime.localDate(date)
        return "\(twoDigits(day.day))/\(twoDigits(day.month))/\(day.year)"
    }

    /// The value of an ISO time column, or an empty string.
    static func longTime(_ text: String?) -> String { text.flatMap(VietnamTime.parse).map(longTime) ?? "" }
    static func longDate(_ text: String?) -> String { text.flatMap(VietnamTime.parse).map(longDate) ?? "" }
    static func shortDate(_ text: String?) -> String { text.flatMap(VietnamTime.parse).map(shortDate) ?? "" }

    /// "200.000 đồng"; an unknown fee is said to be unknown, never shown as free.
    static func fee(_ vnd: Int?) -> String {
        guard let vnd else { return "Chưa xác định (xem thông tin thủ tục)" }
        if vnd == 0 { return "Không thu" }
        var digits = Array(String(vnd))
        var grouped: [Character] = []
        while digits.count > 3 {
            grouped = ["."] + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        return String(digits + grouped) + " đồng"
    }

    /// "10 ngày làm việc" / "8 giờ làm việc".
    static func timeLimit(_ limit: TimeLimit) -> String {
        "\(limit.value) \(limit.unit == .workingHours ? "giờ" : "ngày") làm việc"
    }

    /// Where the applicant collects the result, from the channel the dossier came by.
    static func returnPlace(channel: String) -> String {
        switch channel {
        case "postal": return "Qua dịch vụ bưu chính công ích"
        case "online": return "Trực tuyến (Cổng dịch vụ công)"
        default: return "Bộ phận Một cửa"
        }
    }

    /// Trước hạn / Đúng hạn / Quá hạn of a hand-over against a due instant (BRIEF "Timing").
    static func timingLabel(at date: Date, due: Date?) -> String {
        guard let due else { return "" }
        return Timing.finished(at: date, originalDueAt: due).label
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
