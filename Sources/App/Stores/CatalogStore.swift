import Domain
import Storage

/// Agencies, procedures and desk services: small, read on every intake, changed rarely.
/// Held in memory as an immutable snapshot, reloaded after a change.
struct CatalogSnapshot: Sendable {
    var agencies: [Int: Agency] = [:]
    var proceduresByCode: [String: Procedure] = [:]
    /// desk agency → agencies it receives for (besides itself).
    var deskServices: [Int: Set<Int>] = [:]

    /// Whether a counter officer of `deskID` may receive dossiers of `procedure`: the
    /// department's own desk or a centre serving it; for a district or commune procedure, the
    /// desk of any district or commune (each for its own area).
    func desk(_ deskID: Int, receives procedure: Procedure) -> Bool {
        guard let agencyID = procedure.agencyID else {
            return agencies[deskID]?.level.rawValue == procedure.level
        }
        return deskID == agencyID || deskServices[deskID]?.contains(agencyID) == true
    }
}

struct CatalogStore: Sendable {
    let database: Database

    /// A short text that changes whenever agencies, desks or procedures are added, removed or
    /// edited (an import raises `version`): counts, sums and the highest ids of the tables.
    func signature() throws -> String {
        try database.read { connection in
            let row = try connection.queryOne("""
                SELECT (SELECT COUNT(*) || ':' || TOTAL(version) || ':' || IFNULL(MAX(id), 0) FROM procedures)
                    || '/' || (SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) FROM agencies)
                    || '/' || (SELECT COUNT(*) FROM desk_services) AS signature
                """)
            return try row?.string("signature") ?? ""
        }
    }

    func load() throws -> CatalogSnapshot {
        try database.read { connection in
            var snapshot = CatalogSnapshot()
            for row in try connection.query("SELECT id, parent_id, level, name, identifier FROM agencies") {
                guard let level = Agency.Level(rawValue: try row.string("level")) else { continue }
                let agency = Agency(id: try row.int("id"), parentID: try row.optionalInt("parent_id"), level: level,
                                    name: try row.string("name"), identifier: try row.string("identifier"))
                snapshot.agencies[agency.id] = agency
            }
            for row in try connection.query("""
                SELECT id, code, name, field, level, agency_id, time_limit_value, time_limit_unit, fee_vnd, online_level
                FROM procedures
                """) {
                guard let unit = TimeUnit(rawValue: try row.string("time_limit_unit")) else { continue }
                let procedure = Procedure(
                    id: try row.int("id"), code: try row.string("code"), name: try row.string("name"),
                    field: try row.string("field"), level: try row.string("level"), agencyID: try row.optionalInt("agency_id"),
                    timeLimit: TimeLimit(value: try row.int("time_limit_value"), unit: unit),
                    feeVND: try row.optionalInt("fee_vnd"), onlineLevel: try row.string("online_level"))
                snapshot.proceduresByCode[procedure.code] = procedure
            }
            for row in try connection.query("SELECT desk_agency_id, agency_id FROM desk_services") {
                snapshot.deskServices[try row.int("desk_agency_id"), default: []].insert(try row.int("agency_id"))
            }
            return snapshot
        }
    }
}
