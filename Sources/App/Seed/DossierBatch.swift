import Domain
import Foundation
import Storage

/// Buffers generated dossiers and their events and writes them with multi-row INSERTs
/// (100 dossiers per statement), keeping ids, event `seq` and the hash chain in step.
struct DossierBatch {
    let connection: Connection
    let officer: User
    let centre: Agency
    private var dossierValues: [SQLiteValue] = []
    private var eventValues: [SQLiteValue] = []
    private var pendingDossiers = 0
    private var pendingEvents = 0
    private var nextDossierID = 1
    private var nextSeq = 1
    private var previousHash = EventLog.genesisHash

    static let dossierColumns = ["id", "code", "procedure_id", "procedure_code", "procedure_name", "time_limit_value",
                                 "time_limit_unit", "agency_id", "desk_agency_id", "current_agency_id", "channel", "status",
                                 "applicant_name", "applicant_id_number", "applicant_phone", "applicant_address",
                                 "submitted_at", "received_at", "due_at", "original_due_at", "finished_at", "created_by",
                                 "updated_at"]
    static let eventColumns = ["seq", "dossier_id", "at", "action", "actor_id", "actor_name", "actor_role", "from_status",
                               "to_status", "national_status", "agency_id", "note", "previous_hash", "hash"]
    static let rowsPerStatement = 100

    init(connection: Connection, officer: User, centre: Agency) {
        self.connection = connection
        self.officer = officer
        self.centre = centre
    }

    mutating func loadChainHead() throws {
        if let row = try connection.queryOne("SELECT seq, hash FROM dossier_events ORDER BY seq DESC LIMIT 1") {
            nextSeq = try row.int("seq") + 1
            previousHash = try row.string("hash")
        }
        if let row = try connection.queryOne("SELECT MAX(id) AS id FROM dossiers"), let id = try row.optionalInt("id") {
            nextDossierID = id + 1
        }
    }

    mutating func recordSequence(day: LocalDate, last: Int) throws {
        try connection.run("""
            INSERT INTO dossier_sequences (agency_id, day, last_value) VALUES (?, ?, ?)
            ON CONFLICT (agency_id, day) DO UPDATE SET last_value = MAX(last_value, excluded.last_value)
            """, [SQLiteValue(centre.id), SQLiteValue(DossierCode.dayKey(day)), SQLiteValue(last)])
    }

    /// Adds one dossier with its events; returns the rows it will write.
    mutating func add(code: String, procedure: Procedure, receivedAt: Date, dueAt: Date, now: Date,
                      generator: inout SeededGenerator) throws -> Int {
        let id = nextDossierID
        nextDossierID += 1
        let roll = Int(generator.next() % 100)
        let span = max(3600, dueAt.timeIntervalSince(receivedAt))
        // Most dossiers are finished before their due date, a few late; recent ones still open.
        var finishedAt: Date? = receivedAt.addingTimeInterval(span * (roll < 4 ? 1.15 : 0.2 + Double(roll % 70) / 100))
        if let finished = finishedAt, finished >= now.addingTimeInterval(-3600) { finishedAt = nil }
        var status: DossierStatus = finishedAt == nil ? (roll % 5 == 0 ? .received : .inProgress) : .returned
        if finishedAt != nil, roll >= 96 { status = .withdrawn }
        if finishedAt != nil, roll >= 90, roll < 96 { status = .resultReady }
        let channel = roll < 30 ? "online" : (roll < 90 ? "counter" : "postal")
        let received = VietnamTime.format(receivedAt)
        let due = VietnamTime.format(dueAt)
        let finished = finishedAt.map(VietnamTime.format)
        let agencyID = procedure.agencyID ?? centre.id
        dossierValues += [
            SQLiteValue(id), SQLiteValue(code), SQLiteValue(procedure.id), SQLiteValue(procedure.code),
            SQLiteValue(procedure.name), SQLiteValue(procedure.timeLimit.value),
            SQLiteValue(procedure.timeLimit.unit.rawValue), SQLiteValue(agencyID), SQLiteValue(centre.id),
            SQLiteValue(agencyID), SQLiteValue(channel), SQLiteValue(status.rawValue),
            SQLiteValue(SampleApplicant.name(&generator)), SQLiteValue(SampleApplicant.idNumber(&generator)),
            SQLiteValue(SampleApplicant.phone(&generator)), SQLiteValue(SampleApplicant.address(&generator)),
            SQLiteValue(received), SQLiteValue(received), SQLiteValue(due), SQLiteValue(due), SQLiteValue(finished),
            SQLiteValue(officer.id), SQLiteValue(finished ?? received),
        ]
        pendingDossiers += 1
        var rows = 1
        appendEvent(dossierID: id, code: code, at: received, action: "receive", from: nil, to: .received, agencyID: centre.id)
        rows += 1
        if status != .received {
            let steps: [(String, DossierStatus?, DossierStatus)] = switch status {
            case .withdrawn: [("withdraw", .received, .withdrawn)]
            case .resultReady: [("assign", .received, .inProgress), ("complete", .inProgress, .resultReady)]
            case .returned: [("assign", .received, .inProgress), ("complete", .inProgress, .resultReady),
                             ("deliver", .resultReady, .returned)]
            default: [("assign", .received, .inProgress)]
            }
            for (action, from, to) in steps {
                appendEvent(dossierID: id, code: code, at: action == "assign" ? received : (finished ?? received),
                            action: action, from: from, to: to, agencyID: agencyID)
                rows += 1
            }
        }
        if pendingDossiers == Self.rowsPerStatement { try flushDossiers() }
        if pendingEvents >= Self.rowsPerStatement { try flushEvents() }
        return rows
    }

    private mutating func appendEvent(dossierID: Int, code: String, at: String, action: String, from: DossierStatus?,
                                      to: DossierStatus, agencyID: Int) {
        let seq = nextSeq
        nextSeq += 1
        let hash = EventLog.chainHash(seq: seq, previousHash: previousHash, dossierCode: code, at: at, action: action,
                                      actorID: officer.id, fromStatus: from?.rawValue, toStatus: to.rawValue,
                                      agencyID: agencyID, note: nil)
        eventValues += [
            SQLiteValue(seq), SQLiteValue(dossierID), SQLiteValue(at), SQLiteValue(action), SQLiteValue(officer.id),
            SQLiteValue(officer.fullName), SQLiteValue(officer.role.rawValue), SQLiteValue(from?.rawValue),
            SQLiteValue(to.rawValue), SQLiteValue(to.nationalStatus), SQLiteValue(agencyID), .null,
            SQLiteValue(previousHash), SQLiteValue(hash),
        ]
        previousHash = hash
        pendingEvents += 1
    }

    /// Writes everything still buffered; returns 0 (rows were counted when added).
    mutating func flush() throws -> Int {
        try flushDossiers()
        try flushEvents()
        return 0
    }

    private mutating func flushDossiers() throws {
        guard pendingDossiers > 0 else { return }
        try connection.run(Self.insert("dossiers", Self.dossierColumns, rows: pendingDossiers), dossierValues)
        dossierValues.removeAll(keepingCapacity: true)
        pendingDossiers = 0
    }

    private mutating func flushEvents() throws {
        // Events reference dossiers: write buffered dossiers first.
        try flushDossiers()
        guard pendingEvents > 0 else { return }
        try connection.run(Self.insert("dossier_events", Self.eventColumns, rows: pendingEvents), eventValues)
        eventValues.removeAll(keepingCapacity: true)
        pendingEvents = 0
    }

    static func insert(_ table: String, _ columns: [String], rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ",")
    }
}
