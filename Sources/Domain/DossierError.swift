import Foundation

/// Why an action on a dossier was refused.
public enum DossierError: Error, Sendable, Hashable {
    /// The action does not exist from this status (API: 409 `invalid_transition`);
    /// `allowed` lists what this actor could do instead.
    case invalidTransition(from: DossierStatus, action: DossierAction, allowed: [DossierAction])
    /// The action exists from this status but this actor may not take it.
    case notPermitted(action: DossierAction, role: Role)
    /// A second apology: the new date may be set only once (NĐ 61 Đ19.9).
    case apologyAlreadyGiven
    /// The apology comes less than one working day before the due date.
    case apologyTooLate(dueAt: Date)
    /// The promised new date is not after the current due date.
    case newDueDateNotLater(dueAt: Date)
    /// A required parameter of the action is missing or empty (API: 422).
    case missingParameter(String)

    /// Vietnamese text for people.
    public var message: String {
        switch self {
        case .invalidTransition(let from, let action, let allowed):
            let options = allowed.isEmpty
                ? "Không có thao tác nào khác."
                : "Các thao tác được phép: " + allowed.map(\.label).joined(separator: ", ") + "."
            return "Không thể thực hiện \"\(action.label)\" khi hồ sơ ở trạng thái \"\(from.label)\". \(options)"
        case .notPermitted(let action, let role):
            return "Vai trò \"\(role.label)\" không được thực hiện \"\(action.label)\" với hồ sơ này."
        case .apologyAlreadyGiven:
            return "Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả; chỉ được hẹn lại một lần."
        case .apologyTooLate(let dueAt):
            return "Phải gửi phiếu xin lỗi chậm nhất một ngày làm việc trước hạn trả kết quả (\(VietnamTime.display(dueAt))); hồ sơ vẫn bị tính là quá hạn."
        case .newDueDateNotLater(let dueAt):
            return "Ngày hẹn trả mới phải sau hạn hiện tại (\(VietnamTime.display(dueAt)))."
        case .missingParameter(let name):
            return "Thiếu thông tin bắt buộc: \(name)."
        }
    }
}
