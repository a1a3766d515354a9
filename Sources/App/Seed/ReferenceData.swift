import Domain
import Foundation
import Storage

/// The province's reference data, loaded from the CSV files in `Data/` into an empty
/// database: the agency tree of Quảng Ngãi, the provincial centre's desk, the sample
/// catalogue of procedures and the holiday calendar. Idempotent: does nothing when agencies
/// already exist (calendar days are loaded when that table is empty).
struct ReferenceData {
    let dataDirectory: String

    static let provinceName = "UBND tỉnh Quảng Ngãi"
    static let centreName = "Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi"
    /// Province part of Quảng Ngãi's electronic identifiers (QĐ 20/2020/QĐ-TTg codes, "H55").
    static let provinceCode = "H55"

    /// The department that performs each `agency_kind` of procedures-sample.csv.
    static let departmentsByKind: [String: String] = [
        "dept-justice": "Sở Tư pháp",
        "dept-planning-investment": "Sở Kế hoạch và Đầu tư",
        "dept-transport": "Sở Giao thông vận tải",
        "dept-health": "Sở Y tế",
        "dept-culture": "Sở Văn hóa, Thể thao và Du lịch",
        "dept-construction": "Sở Xây dựng",
        "dept-labour": "Sở Lao động - Thương binh và Xã hội",
        "dept-natural-resources": "Sở Tài nguyên và môi trường",
        "dept-education": "Sở Giáo dục và Đào tạo",
        "dept-industry-trade": "Sở Công Thương",
    ]

    struct Summary {
        var agencies = 0
        var procedures = 0
        var calendarDays = 0
    }

    func read(_ name: String) throws -> String {
        let path = (dataDirectory as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw SeedError("không đọc được tệp dữ liệu / cannot read \(path)")
        }
        return text
    }

    @discardableResult
    func load(into database: Database) throws -> Summary {
        let units = try CSVReader.table(try read("quang-ngai-units.csv"), required: ["level", "name", "parent"])
        let procedures = try CSVReader.table(try read("procedures-sample.csv"),
                                             required: ["code", "name", "field", "level", "agency_kind", "time_limit", "time_unit"])
        let holidays = try WorkingCalendar.parseHolidaysCSV(try read("holidays-vn.csv"))
        return try database.writeInOwnTransaction { connection in
            var summary = Summary()
            if try connection.queryOne("SELECT 1 AS found FROM agencies LIMIT 1") == nil {
                summary.agencies = try loadAgencies(units, on: connection)
                summary.procedures = try loadProcedures(procedures, on: connection)
            }
            if try connection.queryOne("SELECT 1 AS found FROM calendar_days LIMIT 1") == nil {
                summary.calendarDays = try CalendarStore.insert(holidays, on: connection)
            }
            return summary
        }
    }

    private func loadAgencies(_ units: CSVTable, on connection: Connection) throws -> Int {
        var count = 0
        func insert(_ level: String, _ name: String, parent: Int?, identifier: String, onlineRate: String? = nil,
                    paymentRate: String? = nil, note: String? = nil) throws -> Int {
            try connection.run("""
                INSERT INTO agencies (parent_id, level, name, identifier, online_rate, online_payment_rate, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [SQLiteValue(parent), SQLiteValue(level), SQLiteValue(name), SQLiteValue(identifier),
                      SQLiteValue(onlineRate.flatMap(Double.init)), SQLiteValue(paymentRate.flatMap(Double.init)),
                      SQLiteValue(note.flatMap { $0.isEmpty ? nil : $0 })])
            count += 1
            return Int(connection.lastInsertRowID)
        }
        let province = try insert("province", Self.provinceName, parent: nil, identifier: "000.00.00.\(Self.provinceCode)")
        let centre = try insert("department", Self.centreName, parent: province, identifier: "000.00.50.\(Self.provinceCode)")
        // Level-2 units (departments, then districts) are numbered 01…; communes 01… within
        // their district: V1V2V3.Z1Z2.Y1Y2.MX1X2 with V = 000.
        var districtIDs: [String: (id: Int, number: Int)] = [:]
        var communeNumbers: [String: Int] = [:]
        var level2Number = 0
        for level in ["department", "district"] {
            for row in units.rows where units.value("level", in: row) == level {
                level2Number += 1
                let name = units.value("name", in: row) ?? ""
                let id = try insert(level, name, parent: province,
                                    identifier: String(format: "000.00.%02d.%@", level2Number, Self.provinceCode),
                                    onlineRate: units.value("online_rate_q1_2023", in: row),
                                    paymentRate: units.value("online_payment_rate_q1_2023", in: row),
                                    note: units.value("note", in: row))
                if level == "department" {
                    try connection.run("INSERT INTO desk_services (desk_agency_id, agency_id) VALUES (?, ?)",
                                       [SQLiteValue(centre), SQLiteValue(id)])
                } else {
                    districtIDs[name] = (id, level2Number)
                }
            }
        }
        for row in units.rows where units.value("level", in: row) == "commune" {
            let parentName = units.value("parent", in: row) ?? ""
            guard let district = districtIDs[parentName] else {
                throw SeedError("quang-ngai-units.csv dòng \(row.line): không có huyện \(parentName)")
            }
            let number = (communeNumbers[parentName] ?? 0) + 1
            communeNumbers[parentName] = number
            _ = try insert("commune", units.value("name", in: row) ?? "", parent: district.id,
                           identifier: String(format: "000.%02d.%02d.%@", number, district.number, Self.provinceCode),
                           onlineRate: units.value("online_rate_q1_2023", in: row),
                           paymentRate: units.value("online_payment_rate_q1_2023", in: row),
                           note: units.value("note", in: row))
        }
        return count
    }

    private func loadProcedures(_ table: CSVTable, on connection: Connection) throws -> Int {
        var departmentIDs: [String: Int] = [:]
        for row in try connection.query("SELECT id, name FROM agencies WHERE level = 'department'") {
            departmentIDs[try row.string("name")] = try row.int("id")
        }
        var count = 0
        for row in table.rows {
            let value = { (column: String) in table.value(column, in: row) ?? "" }
            let level = value("level")
            var agencyID: Int?
            if level == "province" {
                guard let name = Self.departmentsByKind[value("agency_kind")], let id = departmentIDs[name] else {
                    throw SeedError("procedures-sample.csv dòng \(row.line): không xác định được cơ quan \(value("agency_kind"))")
                }
                agencyID = id
            }
            count += 1
            // Rows without a published national code get a local code, marked as such.
            let code = value("code").isEmpty ? String(format: "QNG-TTHC-%03d", count) : value("code")
            guard let limit = Int(value("time_limit")), TimeUnit(rawValue: value("time_unit")) != nil else {
                throw SeedError("procedures-sample.csv dòng \(row.line): thời hạn không hợp lệ")
            }
            let documents = value("documents").split(separator: "|").map {
                ["name": $0.trimmingCharacters(in: .whitespaces), "required": true, "copies": 1] as [String: Any]
            }
            let documentsJSON = String(decoding: try JSONSerialization.data(withJSONObject: documents), as: UTF8.self)
            let onlineLevel = ["none", "partial", "full"].contains(value("online_level")) ? value("online_level") : "none"
            try connection.run("""
                INSERT INTO procedures (code, name, field, level, agency_id, time_limit_value, time_limit_unit, fee_vnd,
                    fee_note, online_level, documents, legal_basis, search_text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [SQLiteValue(code), SQLiteValue(value("name")), SQLiteValue(value("field")), SQLiteValue(level),
                      SQLiteValue(agencyID), SQLiteValue(limit), SQLiteValue(value("time_unit")),
                      SQLiteValue(Int(value("fee_vnd"))), SQLiteValue(value("fee_note")), SQLiteValue(onlineLevel),
                      SQLiteValue(documentsJSON), SQLiteValue(value("legal_basis")),
                      SQLiteValue(SearchText.fold(value("name") + " " + value("field")))])
        }
        return count
    }
}

/// A seeding problem, with the file and line when it comes from data.
struct SeedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
