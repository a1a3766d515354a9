/// The status of a dossier (API.md "Dossiers").
public enum DossierStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case submitted
    case supplementRequested = "supplement_requested"
    case refused
    case received
    case inProgress = "in_progress"
    case paused
    case resultReady = "result_ready"
    case returned
    case withdrawn

    /// Refused, returned and withdrawn dossiers accept no further action.
    public var isTerminal: Bool {
        switch self {
        case .refused, .returned, .withdrawn: return true
        default: return false
        }
    }

    /// The national portal's status code (BRIEF.md "Status codes of the national portal"):
    /// 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung
    /// giấy tờ, 7 Công dân yêu cầu rút hồ sơ, 9 Đã xử lý xong, 10 Đã trả kết quả. Codes 6 (fee due)
    /// and 8 (processing stopped) have no MotCua status yet.
    public var nationalStatus: Int {
        switch self {
        case .submitted: return 1
        case .received: return 2
        case .refused: return 3
        case .inProgress: return 4
        case .supplementRequested, .paused: return 5
        case .withdrawn: return 7
        case .resultReady: return 9
        case .returned: return 10
        }
    }

    /// Vietnamese label for people.
    public var label: String {
        switch self {
        case .submitted: return "Mới đăng ký, chờ tiếp nhận"
        case .supplementRequested: return "Yêu cầu bổ sung hồ sơ"
        case .refused: return "Từ chối tiếp nhận"
        case .received: return "Đã tiếp nhận"
        case .inProgress: return "Đang xử lý"
        case .paused: return "Tạm dừng, chờ bổ sung"
        case .resultReady: return "Đã có kết quả"
        case .returned: return "Đã trả kết quả"
        case .withdrawn: return "Đã rút hồ sơ"
        }
    }
}
