import Domain
import Foundation
import Storage

/// The catalogue of procedures in full (documents and steps): search, show, import, export.
/// Reads go to the database, so an import by the command line is seen at once.
struct ProcedureStore: Sendable {
    let database: Database

    /// A procedure with its catalogue version (incremented on every change by import).
    struct Entry {
        var definition: ProcedureDefinition
        var version: Int
    }

    static let columns = """
        code, name, field, level, agency_id, time_limit_value, time_limit_unit, fee_vnd, fee_note, online_level,
        documents, steps, legal_basis, version
        """

    /// Every procedure, ordered by code.
    func all() throws -> [Entry] {
        try database.read { connection in
            try connection.query("SELECT \(Self.columns) FROM procedures ORDER BY code").map(Self.entry(from:))
        }
    }

    func find(code: String) throws -> Entry? {
        try database.read { connection in
            try connection.queryOne("SELECT \(Self.columns) FROM procedures WHERE code = ?", [SQLiteValue(code)])
                .map(Self.entry(from:))
        }
    }

    static func entry(from row: Row) throws -> Entry {
        guard let unit = TimeUnit(rawValue: try row.string("time_limit_unit")) else { throw APIError.internalError }
        let definition = ProcedureDefinition(
            code: try row.string("code"), name: try row.string("name"), field: try row.string("field"),
            level: try row.string("level"), agencyID: try row.optionalInt("agency_id"),
            timeLimit: TimeLimit(value: try row.int("time_limit_value"), unit: unit),
            feeVND: try row.optionalInt("fee_vnd"), feeNote: try row.optionalString("fee_note").flatMap { $0.isEmpty ? nil : $0 },
            onlineLevel: try row.string("online_level"), documents: documents(try row.string("documents")),
            steps: steps(try row.string("steps")),
            legalBasis: try row.optionalString("legal_basis").flatMap { $0.isEmpty ? nil : $0 })
        return Entry(definition: definition, version: try row.int("version"))
    }

    private static func objects(_ text: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String: Any]] ?? []
    }

    static func documents(_ text: String) -> [ProcedureDefinition.Document] {
        objects(text).compactMap { item in
            guard let name = item["name"] as? String else { return nil }
            return .init(name: name, required: item["required"] as? Bool ?? true, copies: item["copies"] as? Int ?? 1)
        }
    }

    static func steps(_ text: String) -> [ProcedureDefinition.Step] {
        objects(text).compactMap { item in
            guard let name = item["name"] as? String, let role = item["role"] as? String,
                  let limit = item["time_limit"] as? [String: Any], let value = limit["value"] as? Int,
                  let unit = (limit["unit"] as? String).flatMap(TimeUnit.init(rawValue:)) else { return nil }
            return .init(name: name, role: role, timeLimit: TimeLimit(value: value, unit: unit))
        }
    }

    // MARK: - Import

    /// What an import changed.
    struct ImportSummary: Equatable {
        var added = 0
        var updated = 0
        var unchanged = 0
    }

    /// Upserts `procedures` by code in one transaction: a new code is added at version 1, a
    /// changed one is updated with its version incremented, an identical one is left alone.
    /// Dossiers copied the procedure's fields at receipt, so their due dates do not move.
    func importAll(_ procedures: [ProcedureDefinition]) throws -> ImportSummary {
        try database.writeInOwnTransaction { connection in
            var summary = ImportSummary()
            for procedure in procedures {
                let existing = try connection.queryOne("SELECT \(Self.columns) FROM procedures WHERE code = ?",
                                                       [SQLiteValue(procedure.code)]).map(Self.entry(from:))
                if let existing, existing.definition == procedure {
                    summary.unchanged += 1
                    continue
                }
                let values: [SQLiteValue] = [
                    SQLiteValue(procedure.name), SQLiteValue(procedure.field), SQLiteValue(procedure.level),
                    SQLiteValue(procedure.agencyID), SQLiteValue(procedure.timeLimit.value),
                    SQLiteValue(procedure.timeLimit.unit.rawValue), SQLiteValue(procedure.feeVND),
                    SQLiteValue(procedure.feeNote), SQLiteValue(procedure.onlineLevel), SQLiteValue(procedure.documentsJSON),
                    SQLiteValue(procedure.stepsJSON), SQLiteValue(procedure.legalBasis), SQLiteValue(procedure.searchText),
                    SQLiteValue(procedure.code),
                ]
                if existing != nil {
                    try connection.run("""
                        UPDATE procedures SET name = ?, field = ?, level = ?, agency_id = ?, time_limit_value = ?,
                            time_limit_unit = ?, fee_vnd = ?, fee_note = ?, online_level = ?, documents = ?, steps = ?,
                            legal_basis = ?, search_text = ?, version = version + 1
                        WHERE code = ?
                        """, values)
                    summary.updated += 1
                } else {
                    try connection.run("""
                        INSERT INTO procedures (name, field, level, agency_id, time_limit_value, time_limit_unit, fee_vnd,
                            fee_note, online_level, documents, steps, legal_basis, search_text, code)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, values)
                    summary.added += 1
                }
            }
            return summary
        }
    }

    /// Ids of every agency, which an imported `agency_id` must name.
    func agencyIDs() throws -> Set<Int> {
        try database.read { connection in
            Set(try connection.query("SELECT id FROM agencies").map { try $0.int("id") })
        }
    }
}
