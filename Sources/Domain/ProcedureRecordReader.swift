import Foundation

/// Reads and validates procedures from an import file, one record at a time.
///
/// A record is a flat set of fields, the same for CSV and JSON: `code`, `name`, `field`,
/// `level`, `agency_id`, `time_limit_value`, `time_limit_unit`, `fee_vnd`, `fee_note`,
/// `online_level`, `documents`, `steps`, `legal_basis`. In CSV every value is text and
/// `documents`/`steps` are JSON arrays in their cells; in JSON values are typed, and
/// `time_limit` may be the API's nested `{"value", "unit"}`. Every problem of a record is
/// reported, each with its place (`dòng 7`, `mục 3`), so one run shows all that must be fixed.
public struct ProcedureRecordReader {
    /// The CSV header, in export order.
    public static let columns = ["code", "name", "field", "level", "agency_id", "time_limit_value", "time_limit_unit",
                                 "fee_vnd", "fee_note", "online_level", "documents", "steps", "legal_basis"]
    /// Agencies that exist; `agency_id` must be one of them.
    public let agencyIDs: Set<Int>
    /// Roles a step may name: the staff roles that handle dossiers.
    public static let stepRoles: Set<String> = ["counter_officer", "specialist", "leader"]

    public init(agencyIDs: Set<Int>) {
        self.agencyIDs = agencyIDs
    }

    /// Reads a CSV text with a header row naming the columns (order free; `code`, `name`,
    /// `field`, `level`, `time_limit_value`, `time_limit_unit` required).
    public func readCSV(_ text: String) -> Result<[ProcedureDefinition], ProcedureImportError> {
        let table: CSVTable
        do {
            table = try CSVReader.table(text, required: ["code", "name", "field", "level", "time_limit_value", "time_limit_unit"])
        } catch {
            return .failure(ProcedureImportError(problems: [error.message]))
        }
        let records = table.rows.map { row -> (String, [String: Any]) in
            var fields = [String: Any]()
            for column in Self.columns { if let value = table.value(column, in: row) { fields[column] = value } }
            return ("dòng \(row.line)", fields)
        }
        return read(records, cellsHoldJSON: true)
    }

    /// Reads a JSON array of procedure objects (or `{"items": [...]}`, the export shape).
    public func readJSON(_ bytes: [UInt8]) -> Result<[ProcedureDefinition], ProcedureImportError> {
        let value = try? JSONSerialization.jsonObject(with: Data(bytes))
        guard let items = (value as? [Any]) ?? ((value as? [String: Any])?["items"] as? [Any]) else {
            return .failure(ProcedureImportError(problems: ["Tệp JSON không hợp lệ: cần một mảng các thủ tục."]))
        }
        var records = [(String, [String: Any])]()
        for (index, item) in items.enumerated() {
            guard var object = item as? [String: Any] else {
                return .failure(ProcedureImportError(problems: ["mục \(index + 1): phải là một đối tượng JSON."]))
            }
            if let limit = object["time_limit"] as? [String: Any] {
                object["time_limit_value"] = limit["value"]
                object["time_limit_unit"] = limit["unit"]
            }
            records.append(("mục \(index + 1)", object))
        }
        return read(records, cellsHoldJSON: false)
    }

    private func read(_ records: [(place: String, fields: [String: Any])], cellsHoldJSON: Bool)
        -> Result<[ProcedureDefinition], ProcedureImportError> {
        var problems = [String]()
        var procedures = [ProcedureDefinition]()
        var seen = [String: String]()
        if records.isEmpty { problems.append("Tệp không có thủ tục nào.") }
        for (place, fields) in records {
            var record = ProcedureFields(fields: fields, cellsHoldJSON: cellsHoldJSON)
            let procedure = record.procedure(agencyIDs: agencyIDs)
            if let code = record.code {
                if let first = seen[code] {
                    record.problems.append("mã thủ tục \(code) đã có ở \(first)")
                } else {
                    seen[code] = place
                }
            }
            problems += record.problems.map { "\(place): \($0)" }
            if let procedure, record.problems.isEmpty { procedures.append(procedure) }
        }
        return problems.isEmpty ? .success(procedures) : .failure(ProcedureImportError(problems: problems))
    }
}

/// Why an import was refused: every problem found, in file order, in Vietnamese.
public struct ProcedureImportError: Error, Sendable, Equatable {
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var message: String { problems.joined(separator: "\n") }
}
