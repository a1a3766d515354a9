import Domain
import Foundation
import Storage

/// Dossier persistence: reads with events and documents, and intake. Scoping by role and
/// agency is applied by the callers through `Dossier.isVisible(to:)` on what is read here.
struct DossierStore: Sendable {
    let database: Database

    /// What `dossier(from:)` reads, from `tables`.
    static let columns = """
        d.id, d.code, ps.code AS procedure_code, ps.name AS procedure_name, d.agency_id, d.desk_agency_id, d.current_agency_id,
        d.channel, d.status, d.applicant_name, d.applicant_id_number, d.applicant_phone, d.applicant_email,
        d.applicant_address, d.applicant_user_id, d.note, d.submitted_at, d.received_at, d.due_at,
        d.original_due_at, d.finished_at, d.assignee_id, d.result_summary, d.result_number, d.version,
        d.delivered_via, d.procedure_id, ps.time_limit_value, ps.time_limit_unit
        """

    /// A dossier (`d`) with the procedure as it was at its receipt (`ps`, migration 0013).
    static let tables = "dossiers d JOIN procedure_snapshots ps ON ps.id = d.procedure_snapshot_id"

    /// The dossier with its documents and events, or nil.
    func find(code: String) throws -> Dossier? {
        try database.read { try Self.load(code: code, on: $0) }
    }

    /// The dossier with its documents and events as `connection` sees it (a read snapshot, or
    /// the write transaction of an action), or nil.
    ///
    /// `knownEvents`: its events as read earlier (by a reader, to keep that work off the
    /// writer); only later ones are read here. Events are never changed or deleted (migration
    /// 0001's triggers), so a prefix read earlier is still exact.
    static func load(code: String, knownEvents: [Dossier.Event] = [], on connection: Connection) throws -> Dossier? {
        guard let row = try connection.queryOne("""
            SELECT \(Self.columns), d.history, d.document_count, d.document_list FROM \(Self.tables) WHERE d.code = ?
            """, [SQLiteValue(code)]) else {
            return nil
        }
        var dossier = try dossier(from: row)
        dossier.events = try events(dossierID: dossier.id, packed: row.optionalBlob("history"), known: knownEvents,
                                    on: connection)
        // `document_count` counts every row `DocumentStore.insert` adds (documents are never
        // deleted): a dossier without any skips the lookup, a page of a large index. One with
        // documents reads them from its packed list (`DocumentList`) when it has one.
        if try row.int("document_count") > 0 {
            if let packed = try row.optionalBlob("document_list"), let documents = DocumentList.decode(packed) {
                dossier.documents = documents
            } else {
                dossier.documents = try DocumentStore.documents(dossierID: dossier.id, on: connection)
            }
        }
        return dossier
    }

    /// What an action reads before its write, so that the writer reads only the events
    /// appended since: the rows of `dossier_events` of the dossier `code` when its history is
    /// not packed; nothing when it is (the writer unpacks the row it reads anyway, and a
    /// history found NULL or damaged there is read whole, from the start).
    func unpackedEvents(code: String) throws -> [Dossier.Event] {
        try database.read { connection in
            guard let row = try connection.queryOne("SELECT id, history IS NULL AS unpacked FROM dossiers WHERE code = ?",
                                                    [SQLiteValue(code)]), try row.bool("unpacked") else { return [] }
            return try Self.events(dossierID: row.int("id"), packed: nil, on: connection)
        }
    }

    /// The dossier's events: its packed history (`DossierHistory`) when it has one that decodes,
    /// else `known` (a prefix read earlier) and the rows of `dossier_events` after it.
    static func events(dossierID: Int, packed: [UInt8]?, known: [Dossier.Event] = [],
                       on connection: Connection) throws -> [Dossier.Event] {
        if let packed, let events = DossierHistory.decode(packed) { return events }
        return try known + connection.query("""
            SELECT \(Self.eventColumns) FROM dossier_events e WHERE e.dossier_id = ? AND e.seq > ? ORDER BY e.seq
            """, [SQLiteValue(dossierID), SQLiteValue(known.last?.seq ?? 0)]).map(Self.event(from:))
    }

    static let eventColumns = """
        e.seq, e.at, e.action, e.actor_id, e.actor_name, e.actor_role, e.from_status, e.to_status, e.agency_id, e.note
        """

    static func event(from row: Row) throws -> Dossier.Event {
        Dossier.Event(seq: try row.int("seq"), at: try row.string("at"), action: try row.string("action"),
                      actorID: try row.optionalInt("actor_id"), actorName: try row.string("actor_name"),
                      actorRole: try row.string("actor_role"), fromStatus: try row.optionalString("from_status"),
                      toStatus: try row.string("to_status"), agencyID: try row.int("agency_id"),
                      note: try row.optionalString("note"))
    }

    static func dossier(from row: Row) throws -> Dossier {
        guard let status = DossierStatus(rawValue: try row.string("status")) else {
            throw APIError.internalError
        }
        return Dossier(
            id: try row.int("id"), code: try row.string("code"), procedureCode: try row.string("procedure_code"),
            procedureName: try row.string("procedure_name"), agencyID: try row.int("agency_id"),
            deskAgencyID: try row.int("desk_agency_id"), currentAgencyID: try row.int("current_agency_id"),
            channel: try row.string("channel"), status: status,
            applicant: Dossier.Applicant(
                fullName: try row.string("applicant_name"), idNumber: try row.string("applicant_id_number"),
                phone: try row.string("applicant_phone"), email: try row.optionalString("applicant_email"),
                address: try row.optionalString("applicant_address")),
            applicantUserID: try row.optionalInt("applicant_user_id"), note: try row.optionalString("note"),
            submittedAt: try row.string("submitted_at"), receivedAt: try row.optionalString("received_at"),
            dueAt: try row.optionalString("due_at"), originalDueAt: try row.optionalString("original_due_at"),
            finishedAt: try row.optionalString("finished_at"), assigneeID: try row.optionalInt("assignee_id"),
            resultSummary: try row.optionalString("result_summary"), resultNumber: try row.optionalString("result_number"),
            version: try row.int("version"), deliveredVia: try row.optionalString("delivered_via"),
            procedureID: try row.int("procedure_id"),
            timeLimit: try TimeUnit(rawValue: try row.string("time_limit_unit"))
                .map { TimeLimit(value: try row.int("time_limit_value"), unit: $0) })
    }

    /// What an intake writes: everything decided before the write transaction starts.
    struct Intake {
        var procedure: Procedure
        /// The agency responsible for processing (the procedure's department, or the district
        /// or commune whose desk received it).
        var agencyID: Int
        var deskAgency: Agency
        var channel: String
        var status: DossierStatus
        var applicant: Dossier.Applicant
        var applicantUserID: Int?
        var note: String?
        var now: Date
        /// Receipt and due date, for dossiers received at once (counter, postal).
        var receivedAt: Date?
        var dueAt: Date?
        /// Files of a multipart intake, already in the document store; attached in the same
        /// transaction as the dossier.
        var documents: [DocumentUpload] = []
        /// The client's `Idempotency-Key`, if it sent one (migration 0008).
        var key: KeyedRequest?
    }

    /// Creates the dossier, its code (daily sequence of the receiving desk) and its first
    /// event in one group-committed write; `completion` gets the dossier as stored once the
    /// commit holding it returned, on the writer's queue (hand it on, do not work there).
    func create(_ intake: Intake, by user: User, completion: @escaping (Result<Dossier, Error>) -> Void) {
        // The notice text needs the code, which only the write knows: everything else about
        // it is prepared here, off the writer.
        let notice = intake.dueAt.map { dueAt in
            NotificationTexts.ReceivedNotice(applicantName: intake.applicant.fullName,
                                             procedureName: intake.procedure.name, dueAt: dueAt)
        }
        database.write({ connection in
            try Self.insert(intake, notice: notice, by: user, on: connection)
        }, completion: completion)
    }

    /// The intake's rows, inside a write: the code from the desk's daily sequence, the dossier,
    /// its first event, the applicant's receipt notice (`notice`, for a dossier received at
    /// once), its documents and its idempotency key. A keyed intake whose key already names a
    /// dossier writes nothing and returns that dossier.
    static func insert(_ intake: Intake, notice: NotificationTexts.ReceivedNotice?, by user: User,
                       on connection: Connection) throws -> Dossier {
        if let key = intake.key, let earlier = try dossier(createdWith: key, by: user, now: intake.now, on: connection) {
            return earlier
        }
        let nowText = VietnamTime.format(intake.now)
        let receivedText = intake.receivedAt.map(VietnamTime.format)
        let dueText = intake.dueAt.map(VietnamTime.format)
        let day = VietnamTime.localDate(intake.now)
        let dayKey = DossierCode.dayKey(day)
        // Not `RETURNING last_value`: SQLite gathers RETURNING rows in an ephemeral table, opened
        // and closed on the single writer for every intake (the server's CPU per intake went
        // from 243 to 228 µs without it, BENCHMARKS.md 2026-11-25). The SELECT reads the row
        // this statement just wrote, in the same savepoint.
        try connection.run("""
            INSERT INTO dossier_sequences (agency_id, day, last_value) VALUES (?, ?, 1)
            ON CONFLICT (agency_id, day) DO UPDATE SET last_value = last_value + 1
            """, [SQLiteValue(intake.deskAgency.id), SQLiteValue(dayKey)])
        guard let sequenceRow = try connection.queryOne(
            "SELECT last_value FROM dossier_sequences WHERE agency_id = ? AND day = ?",
            [SQLiteValue(intake.deskAgency.id), SQLiteValue(dayKey)]) else {
            throw APIError.internalError
        }
        let code = DossierCode.make(identifier: intake.deskAgency.identifier, date: day,
                                    sequence: try sequenceRow.int("last_value"))
        let snapshotID = try ProcedureSnapshots.id(for: intake.procedure, on: connection)
        try connection.run("""
            INSERT INTO dossiers (code, procedure_id, procedure_snapshot_id, agency_id, desk_agency_id,
                current_agency_id, channel, status, applicant_name, applicant_id_number, applicant_phone,
                applicant_email, applicant_address, applicant_user_id, note, submitted_at, received_at, due_at,
                original_due_at, created_by, updated_at, history)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [SQLiteValue(code), SQLiteValue(intake.procedure.id), SQLiteValue(snapshotID), SQLiteValue(intake.agencyID),
                  SQLiteValue(intake.deskAgency.id), SQLiteValue(intake.deskAgency.id), SQLiteValue(intake.channel),
                  SQLiteValue(intake.status.rawValue), SQLiteValue(intake.applicant.fullName),
                  SQLiteValue(intake.applicant.idNumber), SQLiteValue(intake.applicant.phone),
                  SQLiteValue(intake.applicant.email), SQLiteValue(intake.applicant.address),
                  SQLiteValue(intake.applicantUserID), SQLiteValue(intake.note), SQLiteValue(nowText),
                  SQLiteValue(receivedText), SQLiteValue(dueText), SQLiteValue(dueText), SQLiteValue(user.id),
                  // Packed and empty, not NULL (migration 0011's index lists NULLs): the event below fills it.
                  SQLiteValue(nowText), .blob([DossierHistory.formatVersion])])
        let dossierID = Int(connection.lastInsertRowID)
        let action = intake.status == .received ? "receive" : "submit"
        let event = try EventLog.append(EventLog.NewEvent(
            dossierID: dossierID, dossierCode: code, at: nowText, action: action, actor: user,
            actorName: user.fullName, actorRole: user.role.rawValue, fromStatus: nil, toStatus: intake.status,
            agencyID: intake.deskAgency.id, note: nil), after: [], on: connection)
        if let notice {
            // Received at once (counter, post): the applicant gets the appointment (Mẫu 01).
            try NotificationOutbox.enqueue(notice.message(code: code),
                                           to: .init(phone: intake.applicant.phone, email: intake.applicant.email),
                                           dossierID: dossierID, eventSeq: event.seq, at: nowText, on: connection)
        }
        let documents = try DocumentStore.insert(intake.documents, dossierID: dossierID, by: user, at: nowText,
                                                 on: connection)
        if let key = intake.key {
            // Replaces an expired use of the same key (`dossier(createdWith:)` passed it over).
            try connection.run("""
                INSERT INTO intake_keys (user_id, key, fingerprint, dossier_id, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint,
                    dossier_id = excluded.dossier_id, created_at = excluded.created_at
                """, [SQLiteValue(user.id), SQLiteValue(key.key), SQLiteValue(key.fingerprint), SQLiteValue(dossierID),
                      SQLiteValue(nowText)])
        }
        return Dossier(
            id: dossierID, code: code, procedureCode: intake.procedure.code, procedureName: intake.procedure.name,
            agencyID: intake.agencyID, deskAgencyID: intake.deskAgency.id,
            currentAgencyID: intake.deskAgency.id, channel: intake.channel, status: intake.status,
            applicant: intake.applicant, applicantUserID: intake.applicantUserID, note: intake.note,
            submittedAt: nowText, receivedAt: receivedText, dueAt: dueText, originalDueAt: dueText,
            finishedAt: nil, assigneeID: nil, resultSummary: nil, resultNumber: nil, documents: documents,
            events: [event])
    }

    /// `dossier(createdWith:by:now:on:)` on a reader.
    func dossier(createdWith key: KeyedRequest, by user: User, now: Date) throws -> Dossier? {
        try database.read { try Self.dossier(createdWith: key, by: user, now: now, on: $0) }
    }

    /// The dossier that `user` created with `key` less than `IdempotencyKey.lifetime` ago, as it
    /// is now; nil when the key is new or expired; 422 when it was used for another intake. Runs
    /// inside the intake's write too, so two requests with one key cannot both create.
    static func dossier(createdWith key: KeyedRequest, by user: User, now: Date, on connection: Connection) throws -> Dossier? {
        guard let row = try key.earlierUse(
            by: user.id, in: "intake_keys", columns: "dossier_id", now: now,
            refusal: "Mã Idempotency-Key này đã được dùng cho một hồ sơ khác trong 24 giờ qua; vui lòng dùng mã mới cho hồ sơ mới.",
            on: connection),
              let code = try connection.queryOne("SELECT code FROM dossiers WHERE id = ?", [SQLiteValue(try row.int("dossier_id"))]) else {
            return nil
        }
        return try load(code: try code.string("code"), on: connection)
    }
}
