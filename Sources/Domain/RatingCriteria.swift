/// The applicant's answers when rating a dossier (TT 01/2018/TT-VPCP Đ14; BRIEF.md "Rating"):
/// indices 3 (`contacts`), 4 (`organisations`) and 7 (`attitude`), each 0…2, and the
/// like/dislike counted by QĐ 766/QĐ-TTg (`satisfied`).
public struct RatingCriteria: Sendable, Hashable, Codable {
    public let contacts: Int
    public let organisations: Int
    public let attitude: Int
    public let satisfied: Bool

    /// Validates the answers; every problem is reported at once, by API field name.
    public init(contacts: Int?, organisations: Int?, attitude: Int?, satisfied: Bool?) throws(RatingError) {
        var problems = [String: String]()
        func score(_ value: Int?, _ field: String) -> Int {
            guard let value else {
                problems["criteria.\(field)"] = "Thiếu điểm đánh giá."
                return 0
            }
            guard (0...2).contains(value) else {
                problems["criteria.\(field)"] = "Điểm đánh giá phải là 0, 1 hoặc 2."
                return 0
            }
            return value
        }
        let c = score(contacts, "contacts")
        let o = score(organisations, "organisations")
        let a = score(attitude, "attitude")
        if satisfied == nil { problems["criteria.satisfied"] = "Thiếu lựa chọn hài lòng hoặc không hài lòng." }
        guard problems.isEmpty, let satisfied else { throw .invalid(fields: problems) }
        self.contacts = c
        self.organisations = o
        self.attitude = a
        self.satisfied = satisfied
    }

    /// Index 1 (total time against the limit) from a finished dossier's timing:
    /// 2 early, 1 on time, 0 late; `nil` for a dossier not finished.
    public static func timeScore(_ timing: Timing) -> Int? {
        switch timing {
        case .early: return 2
        case .onTime: return 1
        case .late: return 0
        case .within, .overdue: return nil
        }
    }

    /// An index's score over many dossiers: the mean rounded to 0.1 (TT 01/2018 Đ15), expressed
    /// in tenths (17 = 1.7) to stay exact; `nil` without data.
    public static func meanInTenths(_ scores: [Int]) -> Int? {
        guard !scores.isEmpty else { return nil }
        let sum = scores.reduce(0, +)
        // Round half up: (10·sum / n) rounded = (20·sum + n) / (2n).
        return (20 * sum + scores.count) / (2 * scores.count)
    }

    /// A unit's grade from its total in tenths (max 18.0): ≥ 15 xuất sắc, 12–15 tốt, 9–12 khá,
    /// 6–9 trung bình, < 6 yếu.
    public static func unitGrade(totalInTenths: Int) -> String {
        switch totalInTenths {
        case 150...: return "Xuất sắc"
        case 120..<150: return "Tốt"
        case 90..<120: return "Khá"
        case 60..<90: return "Trung bình"
        default: return "Yếu"
        }
    }
}

/// Why a rating was rejected (API: 422 `validation_failed`, `details.fields`).
public enum RatingError: Error, Sendable, Hashable {
    case invalid(fields: [String: String])

    /// Vietnamese text for people.
    public var message: String { "Phiếu đánh giá chưa hợp lệ." }

    /// Field → Vietnamese message.
    public var fields: [String: String] {
        switch self { case .invalid(let fields): return fields }
    }
}
