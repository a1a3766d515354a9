/// An action on a dossier (API.md, `POST /api/v1/dossiers/{code}/actions`).
public enum DossierAction: String, Sendable, Hashable, Codable, CaseIterable {
    case accept
    case requestSupplement = "request_supplement"
    case supplement
    case refuse
    case assign
    case forward
    case transfer
    case complete
    case deliver
    case apologize
    case withdraw

    /// Vietnamese label for people (buttons, history).
    public var label: String {
        switch self {
        case .accept: return "Tiếp nhận hồ sơ"
        case .requestSupplement: return "Yêu cầu bổ sung hồ sơ"
        case .supplement: return "Bổ sung hồ sơ"
        case .refuse: return "Từ chối tiếp nhận"
        case .assign: return "Phân công xử lý"
        case .forward: return "Chuyển bước xử lý"
        case .transfer: return "Chuyển liên thông"
        case .complete: return "Hoàn thành xử lý"
        case .deliver: return "Trả kết quả"
        case .apologize: return "Xin lỗi và hẹn lại ngày trả kết quả"
        case .withdraw: return "Rút hồ sơ"
        }
    }
}
