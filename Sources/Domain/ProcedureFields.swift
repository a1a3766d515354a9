import Foundation

/// One record of an import file being validated: typed access to its fields that collects a
/// Vietnamese problem for each bad one (without the place, which the reader adds).
struct ProcedureFields {
    let fields: [String: Any]
    /// CSV cells are text: `documents` and `steps` hold JSON, numbers are written as digits.
    let cellsHoldJSON: Bool
    var problems: [String] = []

    init(fields: [String: Any], cellsHoldJSON: Bool) {
        self.fields = fields
        self.cellsHoldJSON = cellsHoldJSON
    }

    /// The code if it is present (for duplicate detection).
    var code: String? { text("code") }

    /// The procedure, or nil with `problems` filled.
    mutating func procedure(agencyIDs: Set<Int>) -> ProcedureDefinition? {
        let code = required("code", "thiếu mã thủ tục")
        if let code, code.utf8.count > 64 || code.contains(where: { $0.isWhitespace }) {
            problems.append("mã thủ tục không được chứa khoảng trắng và tối đa 64 ký tự")
        }
        let name = required("name", "thiếu tên thủ tục")
        let field = required("field", "thiếu lĩnh vực")
        let level = text("level")
        if level.map(ProcedureDefinition.levels.contains) != true {
            problems.append("cấp thực hiện phải là province, district hoặc commune")
        }
        let agencyID = optionalInteger("agency_id", "mã cơ quan phải là số nguyên")
        if let agencyID, !agencyIDs.contains(agencyID) {
            problems.append("không có cơ quan mã \(agencyID)")
        } else if agencyID == nil, level == "province" {
            problems.append("thủ tục cấp tỉnh phải ghi mã cơ quan thực hiện (agency_id)")
        }
        let limit = timeLimit(value: "time_limit_value", unit: "time_limit_unit", label: "thời hạn giải quyết")
        let fee = optionalInteger("fee_vnd", "lệ phí phải là số nguyên không âm (đồng), hoặc để trống khi chưa rõ")
        if let fee, fee < 0 { problems.append("lệ phí phải là số nguyên không âm (đồng), hoặc để trống khi chưa rõ") }
        let onlineLevel = text("online_level") ?? "none"
        if !ProcedureDefinition.onlineLevels.contains(onlineLevel) {
            problems.append("mức độ trực tuyến phải là none, partial hoặc full")
        }
        let documents = self.documents()
        let steps = self.steps()
        guard problems.isEmpty, let code, let name, let field, let level, let limit else { return nil }
        return ProcedureDefinition(code: code, name: name, field: field, level: level, agencyID: agencyID,
                                   timeLimit: limit, feeVND: fee, feeNote: text("fee_note"), onlineLevel: onlineLevel,
                                   documents: documents, steps: steps, legalBasis: text("legal_basis"))
    }

    // MARK: - Scalars

    /// Trimmed non-empty text; numbers are accepted as their decimal text.
    func text(_ key: String) -> String? {
        let raw: String?
        switch fields[key] {
        case let value as String: raw = value
        case let value as Int: raw = String(value)
        default: raw = nil
        }
        let trimmed = raw?.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed?.isEmpty == false ? trimmed : nil
    }

    private mutating func required(_ key: String, _ message: String) -> String? {
        let value = text(key)
        if value == nil { problems.append(message) }
        return value
    }

    /// An integer, nil when absent or empty; a problem when it is something else.
    private mutating func optionalInteger(_ key: String, _ message: String) -> Int? {
        guard let value = text(key) else { return nil }
        guard let number = Int(value) else {
            problems.append(message)
            return nil
        }
        return number
    }

    private mutating func timeLimit(value valueKey: String, unit unitKey: String, label: String) -> TimeLimit? {
        let value = text(valueKey).flatMap { Int($0) }
        let unit = text(unitKey).flatMap(TimeUnit.init(rawValue:))
        if value == nil || value.map({ $0 < 1 || $0 > TimeLimit.maxValue }) == true {
            problems.append("\(label) phải là số nguyên dương (tối đa \(TimeLimit.maxValue))")
        }
        if unit == nil { problems.append("đơn vị \(label) phải là working_days hoặc working_hours") }
        guard let value, let unit, value >= 1, value <= TimeLimit.maxValue else { return nil }
        return TimeLimit(value: value, unit: unit)
    }

    // MARK: - Lists

    /// The JSON array of `key`: parsed from the cell in CSV, as is in JSON; empty when absent.
    private mutating func array(_ key: String, label: String) -> [[String: Any]] {
        var value = fields[key]
        if cellsHoldJSON || value is String {
            guard let cell = text(key) else { return [] }
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(cell.utf8)) else {
                problems.append("\(label) phải là một mảng JSON các đối tượng")
                return []
            }
            value = parsed
        }
        if value == nil || value is NSNull { return [] }
        guard let items = value as? [[String: Any]] else {
            problems.append("\(label) phải là một mảng JSON các đối tượng")
            return []
        }
        return items
    }

    private mutating func documents() -> [ProcedureDefinition.Document] {
        var documents = [ProcedureDefinition.Document]()
        for (index, item) in array("documents", label: "thành phần hồ sơ").enumerated() {
            let entry = ProcedureFields(fields: item, cellsHoldJSON: false)
            let copies = entry.text("copies").map { Int($0) } ?? 1
            guard let name = entry.text("name"), let copies, copies >= 1, copies <= 100 else {
                problems.append("giấy tờ thứ \(index + 1) cần tên và số bản là số nguyên từ 1 đến 100")
                continue
            }
            documents.append(.init(name: name, required: (item["required"] as? Bool) ?? true, copies: copies))
        }
        return documents
    }

    private mutating func steps() -> [ProcedureDefinition.Step] {
        var steps = [ProcedureDefinition.Step]()
        for (index, item) in array("steps", label: "các bước xử lý").enumerated() {
            var entry = ProcedureFields(fields: item, cellsHoldJSON: false)
            let limitObject = item["time_limit"] as? [String: Any] ?? [:]
            var limitFields = ProcedureFields(fields: limitObject, cellsHoldJSON: false)
            let limit = limitFields.timeLimit(value: "value", unit: "unit", label: "thời hạn bước \(index + 1)")
            entry.problems += limitFields.problems
            guard let name = entry.text("name") else {
                problems.append("bước thứ \(index + 1) thiếu tên")
                continue
            }
            guard let role = entry.text("role"), ProcedureRecordReader.stepRoles.contains(role) else {
                problems.append("bước thứ \(index + 1): vai trò phải là counter_officer, specialist hoặc leader")
                continue
            }
            problems += entry.problems
            if let limit { steps.append(.init(name: name, role: role, timeLimit: limit)) }
        }
        return steps
    }
}
