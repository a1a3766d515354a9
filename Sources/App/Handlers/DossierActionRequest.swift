import Domain
import Foundation
import HTTP

/// The body of `POST /api/v1/dossiers/{code}/actions` (`{"action", "note"?, ...parameters}`),
/// parsed and checked for shape.
///
/// Parameter problems are collected, not thrown: the store reports them (422) only once it
/// knows the dossier is visible and the action allowed from its status, so that a caller never
/// learns about parameters of an action it may not take.
struct DossierActionRequest: Sendable {
    var action: DossierAction
    var note: String?
    /// The version the caller acted on (`If-Match: "v<n>"` or body `version`); nil: any.
    var expectedVersion: Int?
    /// `request_supplement`: the documents to supply, each on the procedure's published list.
    var missing: [String] = []
    /// `refuse`, `apologize`, `withdraw`.
    var reason: String?
    /// `assign`, `forward`: the next handler.
    var userID: Int?
    /// `transfer`: the receiving agency.
    var agencyID: Int?
    /// `complete`: `result.summary`, `result.number`, and `result.document_ids`: documents
    /// already uploaded to the dossier that make up the result (its electronic copy).
    var resultSummary: String?
    var resultNumber: String?
    var resultDocumentIDs: [Int] = []
    /// `deliver`: counter, postal or online.
    var via: String?
    /// `apologize`: the new promised date.
    var newDueAt: Date?
    /// Field → Vietnamese message, for the parameters this action needs.
    var problems: [String: String] = [:]

    static let deliveryChannels = ["counter", "postal", "online"]

    /// Parses the body and the `If-Match` header. A missing or unknown `action` is 422 at once;
    /// a malformed `If-Match` is 400.
    static func parse(_ body: JSONBody, ifMatch: String?) throws -> DossierActionRequest {
        var problems: [String: String] = [:]
        guard let name = body.requiredString("action", label: "thao tác (action)", problems: &problems) else {
            throw APIError.validationFailed(problems)
        }
        guard let action = DossierAction(rawValue: name) else {
            let known = DossierAction.allCases.map(\.rawValue).joined(separator: ", ")
            throw APIError.validationFailed(["action": "Thao tác \"\(name)\" không tồn tại. Các thao tác: \(known)."])
        }
        var request = DossierActionRequest(action: action, note: body.string("note", problems: &problems))
        request.expectedVersion = try expectedVersion(body: body, ifMatch: ifMatch, problems: &problems)
        request.readParameters(from: body, problems: &problems)
        request.problems = problems
        return request
    }

    /// The parameters of this action (API.md's actions table).
    private mutating func readParameters(from body: JSONBody, problems: inout [String: String]) {
        switch action {
        case .requestSupplement:
            missing = Self.documentNames(body.object["missing"], problems: &problems)
        case .refuse:
            reason = body.requiredString("reason", label: "lý do từ chối", problems: &problems)
        case .withdraw:
            reason = body.requiredString("reason", label: "lý do rút hồ sơ", problems: &problems)
        case .assign, .forward:
            userID = Self.identifier(body.object["user_id"], field: "user_id", label: "người xử lý", problems: &problems)
        case .transfer:
            agencyID = Self.identifier(body.object["agency_id"], field: "agency_id", label: "cơ quan nhận liên thông",
                                       problems: &problems)
        case .complete:
            guard let result = body.object("result") else {
                problems["result.summary"] = "Vui lòng nhập trích yếu kết quả giải quyết."
                return
            }
            resultSummary = result.requiredString("summary", label: "trích yếu kết quả giải quyết", problems: &problems,
                                                  prefix: "result.")
            resultNumber = result.string("number", problems: &problems, prefix: "result.")
            if let ids = result.object["document_ids"] {
                let list = (ids as? [Any])?.compactMap { ($0 as? Int).flatMap { $0 > 0 ? $0 : nil } }
                if let list, list.count == (ids as? [Any])?.count, list.count <= 50 {
                    resultDocumentIDs = Array(Set(list)).sorted()
                } else {
                    problems["result.document_ids"] = "Danh sách tài liệu kết quả phải gồm các mã tài liệu (số nguyên dương), tối đa 50."
                }
            }
        case .deliver:
            via = body.requiredString("via", label: "hình thức trả kết quả", problems: &problems)
            if let value = via, !Self.deliveryChannels.contains(value) {
                problems["via"] = "Hình thức trả kết quả phải là counter (tại quầy), postal (bưu chính) hoặc online (trực tuyến)."
            }
        case .apologize:
            reason = body.requiredString("reason", label: "lý do chậm trả kết quả", problems: &problems)
            if let text = body.requiredString("new_due_at", label: "ngày hẹn trả mới", problems: &problems) {
                newDueAt = VietnamTime.parse(text)
                if newDueAt == nil {
                    problems["new_due_at"] = "Ngày hẹn trả mới phải theo ISO 8601, ví dụ 2025-03-14T08:30:00+07:00."
                }
            }
        case .accept, .supplement:
            break
        }
    }

    /// `missing`: a non-empty list of non-empty document names, without repeats.
    private static func documentNames(_ value: Any?, problems: inout [String: String]) -> [String] {
        guard let list = value as? [Any], !list.isEmpty else {
            problems["missing"] = "Vui lòng liệt kê đầy đủ các giấy tờ cần bổ sung (danh sách không được để trống)."
            return []
        }
        var names: [String] = []
        for item in list {
            guard let text = item as? String, case let name = JSONBody.trimmingWhitespace(text), !name.isEmpty else {
                problems["missing"] = "Mỗi giấy tờ cần bổ sung phải là tên giấy tờ (chuỗi ký tự không rỗng)."
                return []
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// A positive integer id; a missing one or one of another type is a problem.
    private static func identifier(_ value: Any?, field: String, label: String, problems: inout [String: String]) -> Int? {
        switch value {
        case nil, is NSNull:
            problems[field] = "Vui lòng chọn \(label)."
            return nil
        case let number as NSNumber where positiveInteger(number) != nil:
            return positiveInteger(number)
        default:
            problems[field] = "Mã \(label) phải là số nguyên dương."
            return nil
        }
    }

    /// The number as a positive integer, or nil (fractions, zero, negatives).
    private static func positiveInteger(_ number: NSNumber) -> Int? {
        number.intValue > 0 && Double(number.intValue) == number.doubleValue ? number.intValue : nil
    }

    /// `If-Match: "v<n>"` (RFC 9110 §13.1.1; `*` matches any version) or body `version`.
    /// When both are given they must agree.
    private static func expectedVersion(body: JSONBody, ifMatch: String?, problems: inout [String: String]) throws -> Int? {
        var fromHeader: Int?
        if let header = ifMatch?.trimmingCharacters(in: .whitespaces), header != "*" {
            // Only our own strong tags can match; a weak tag never matches under If-Match (RFC 9110 §13.1.1).
            guard header.hasPrefix("\"v"), header.hasSuffix("\""), header.count > 3,
                  let number = Int(header.dropFirst(2).dropLast()), number > 0 else {
                throw APIError.badRequest("Tiêu đề If-Match phải có dạng \"v<số phiên bản>\", ví dụ If-Match: \"v3\".")
            }
            fromHeader = number
        }
        var fromBody: Int?
        if let value = body.object["version"], !(value is NSNull) {
            guard let number = value as? NSNumber, let version = positiveInteger(number) else {
                problems["version"] = "Phiên bản hồ sơ (version) phải là số nguyên dương."
                return fromHeader
            }
            fromBody = version
        }
        if let fromHeader, let fromBody, fromHeader != fromBody {
            throw APIError.badRequest("Phiên bản trong If-Match và trong nội dung (version) khác nhau.")
        }
        return fromHeader ?? fromBody
    }
}
