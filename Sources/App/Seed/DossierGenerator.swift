import Domain
import Foundation
import Storage

/// Generates the bench dossiers and their events as row values in `DossierBatch`'s column
/// order: received at the provincial centre for the departments, 2,000 a working day in
/// office hours, statuses from just received to returned, events chained by
/// `EventLog.chainHash` exactly as production appends them.
///
/// Pure and deterministic (SplitMix64 seed), so it can run on its own thread while the
/// writer inserts the previous chunk.
struct DossierGenerator {
    /// Where the event chain and dossier ids continue from (read in the write transaction).
    struct ChainHead: Sendable {
        var nextDossierID = 1
        var nextSeq = 1
        var previousHash = EventLog.genesisHash
    }

    /// A run of consecutive dossiers: their rows, in `DossierBatch`'s column order.
    struct Chunk: Sendable {
        var codes: [String] = []
        var dossiers: PackedRows
        var events: PackedRows
        /// Each day whose numbering the chunk finished, with its last sequence number.
        var sequences: [DaySequence] = []
        /// The chunk's dossiers counted as migration 0002's insert trigger counts them.
        var counts: [DossierCounters.Key: Int] = [:]
    }

    struct DaySequence: Sendable {
        var day: LocalDate
        var last: Int
    }

    static let perDay = 2_000

    let officer: User
    let centre: Agency
    /// The procedures dossiers are received under, each with its snapshot (migration 0013).
    let procedures: [(procedure: Procedure, snapshotID: Int)]
    let calendar: WorkingCalendar
    let now: Date
    private var head: ChainHead
    private var generator = SeededGenerator(seed: 20_261_124)
    private var day: LocalDate
    private var sequence = 0
    private var index = 0

    init(officer: User, centre: Agency, procedures: [(procedure: Procedure, snapshotID: Int)], calendar: WorkingCalendar, now: Date,
         dossierCount: Int, head: ChainHead) {
        precondition(!procedures.isEmpty, "the caller checks for procedures")
        self.officer = officer
        self.centre = centre
        self.procedures = procedures
        self.calendar = calendar
        self.now = now
        self.head = head
        // Start as many working days back as the dossiers need, plus four weeks, so that every
        // seeded dossier is received before `now` and most of them are finished by now.
        let days = max(1, (dossierCount + Self.perDay - 1) / Self.perDay)
        var first = VietnamTime.localDate(now)
        var counted = 0
        while counted < days + 20 {
            first = first.adding(days: -1)
            if calendar.isWorkingDay(first) { counted += 1 }
        }
        day = first.adding(days: -1)
    }

    /// The next `count` dossiers; with `isLast`, also closes the numbering of the current day.
    mutating func makeChunk(count: Int, isLast: Bool) -> Chunk {
        var chunk = Chunk(dossiers: PackedRows(columnCount: DossierBatch.dossierColumns.count, reservingRows: count,
                                               bytesPerRow: 400),
                          events: PackedRows(columnCount: DossierBatch.eventColumns.count, reservingRows: count * 4,
                                             bytesPerRow: 240))
        chunk.codes.reserveCapacity(count)
        for _ in 0..<count {
            if index % Self.perDay == 0 {
                if sequence > 0 { chunk.sequences.append(DaySequence(day: day, last: sequence)) }
                repeat { day = day.adding(days: 1) } while !calendar.isWorkingDay(day)
                sequence = 0
            }
            index += 1
            sequence += 1
            addDossier(to: &chunk)
        }
        if isLast, sequence > 0 { chunk.sequences.append(DaySequence(day: day, last: sequence)) }
        return chunk
    }

    private mutating func addDossier(to chunk: inout Chunk) {
        let (procedure, snapshotID) = procedures[Int(generator.next() % UInt64(procedures.count))]
        let minute = 450 + Int(generator.next() % 540)   // 07:30 … 16:30
        let receivedAt = VietnamTime.date(day, minuteOfDay: minute)
        let dueAt = calendar.dueDate(receivedAt: receivedAt, limit: procedure.timeLimit).due
        let code = DossierCode.make(identifier: centre.identifier, date: day, sequence: sequence)
        chunk.codes.append(code)
        let id = head.nextDossierID
        head.nextDossierID += 1
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
        let timing = finishedAt.map { Timing.finished(at: $0, originalDueAt: dueAt).rawValue } ?? ""
        chunk.counts[DossierCounters.Key(agencyID: agencyID, deskAgencyID: centre.id, currentAgencyID: agencyID,
                                         channel: channel, status: status.rawValue, isReceived: true, timing: timing,
                                         isDigitized: false), default: 0] += 1
        // The production workflow's events for the status reached: receive, then assign,
        // complete and deliver (or withdraw).
        let ended = finished ?? received
        var events: [Dossier.Event] = []
        events.reserveCapacity(4)
        func add(_ at: String, _ action: String, _ from: DossierStatus?, _ to: DossierStatus, _ agency: Int) {
            events.append(addEvent(dossierID: id, code: code, at: at, action: action, from: from, to: to,
                                   agencyID: agency, to: &chunk))
        }
        add(received, "receive", nil, .received, centre.id)
        switch status {
        case .withdrawn:
            add(ended, "withdraw", .received, .withdrawn, agencyID)
        case .inProgress, .resultReady, .returned:
            add(received, "assign", .received, .inProgress, agencyID)
            if status != .inProgress { add(ended, "complete", .inProgress, .resultReady, agencyID) }
            if status == .returned { add(ended, "deliver", .resultReady, .returned, agencyID) }
        default:
            break
        }
        Self.appendRow(to: &chunk.dossiers, [
            SQLiteValue(id), .text(code), SQLiteValue(procedure.id), SQLiteValue(snapshotID), SQLiteValue(agencyID),
            SQLiteValue(centre.id), SQLiteValue(agencyID), .text(channel), .text(status.rawValue),
            .text(SampleApplicant.name(&generator)), .text(SampleApplicant.idNumber(&generator)),
            .text(SampleApplicant.phone(&generator)), .text(SampleApplicant.address(&generator)),
            .text(received), .text(received), .text(due), .text(due), SQLiteValue(finished),
            SQLiteValue(officer.id), .text(finished ?? received), DossierHistory.encode(events).map(SQLiteValue.blob) ?? .null,
        ])
    }

    private mutating func addEvent(dossierID: Int, code: String, at: String, action: String, from: DossierStatus?,
                                   to status: DossierStatus, agencyID: Int, to chunk: inout Chunk) -> Dossier.Event {
        let seq = head.nextSeq
        head.nextSeq += 1
        let hash = EventLog.chainHash(seq: seq, previousHash: head.previousHash, dossierCode: code, at: at,
                                      action: action, actorID: officer.id, fromStatus: from?.rawValue,
                                      toStatus: status.rawValue, agencyID: agencyID, note: nil)
        Self.appendRow(to: &chunk.events, [
            SQLiteValue(seq), SQLiteValue(dossierID), .text(at), .text(action), SQLiteValue(officer.id),
            .text(officer.fullName), .text(officer.role.rawValue), SQLiteValue(from?.rawValue), .text(status.rawValue),
            SQLiteValue(status.nationalStatus), SQLiteValue(agencyID), .null, .text(head.previousHash), .text(hash),
        ])
        head.previousHash = hash
        return Dossier.Event(seq: seq, at: at, action: action, actorID: officer.id, actorName: officer.fullName,
                             actorRole: officer.role.rawValue, fromStatus: from?.rawValue, toStatus: status.rawValue,
                             agencyID: agencyID, note: nil)
    }

    private static func appendRow(to rows: inout PackedRows, _ values: [SQLiteValue]) {
        for value in values { rows.append(value) }
    }
}
