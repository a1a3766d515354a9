import Domain
import Foundation
import Storage

extension DossierStore {
    /// Takes one action on the dossier `code` for `user`; `completion` gets the dossier after
    /// it once the commit holding it returned, on the writer's queue (hand it on, do not work
    /// there).
    ///
    /// The whole read–check–update–append runs inside one `database.write` closure: writes go
    /// through the single writer connection one closure at a time, so no other action can slip
    /// between the check and the update, and a closure that throws leaves nothing behind (its
    /// savepoint is rolled back: no update, no event, no notice).
    ///
    /// Order of refusals: not visible → 404; stale `If-Match`/`version` → 409 `conflict`; action
    /// not possible from this status → 409 `invalid_transition`; not this caller's to take →
    /// 403; parameters missing or wrong → 422.
    func perform(_ request: DossierActionRequest, code: String, by user: User, now: Date,
                 calendar: WorkingCalendar, completion: @escaping (Result<Dossier, Error>) -> Void) {
        let nowText = VietnamTime.format(now)
        // The events so far of an unpacked dossier, read on this thread: the writer then reads
        // only those appended since.
        let known = (try? unpackedEvents(code: code)) ?? []
        database.write({ connection in
            guard let dossier = try Self.load(code: code, knownEvents: known, on: connection), dossier.isVisible(to: user) else {
                throw APIError.notFound("Không tìm thấy hồ sơ.")
            }
            if let expected = request.expectedVersion, expected != dossier.version {
                throw APIError.conflict("Hồ sơ đã được cập nhật bởi người khác (phiên bản hiện tại v\(dossier.version), "
                    + "bạn gửi v\(expected)). Vui lòng tải lại hồ sơ rồi thực hiện lại.")
            }
            let from = dossier.status
            let to = try DossierWorkflow.next(from: from, action: request.action, role: user.role,
                                              isApplicant: dossier.isApplicant(user))
            guard request.problems.isEmpty else { throw APIError.validationFailed(request.problems) }

            let effects = DossierActionEffects(request: request, user: user, now: now, calendar: calendar,
                                               connection: connection)
            let outcome = try effects.apply(to: dossier, target: to)
            try Self.update(outcome.dossier, from: dossier, at: nowText, on: connection)
            let joined = [outcome.detail, request.note].compactMap { $0 }.joined(separator: " — ")
            let note = joined.isEmpty ? nil : joined
            let agencyID = user.agencyID ?? dossier.currentAgencyID
            let event = try EventLog.append(EventLog.NewEvent(
                dossierID: dossier.id, dossierCode: dossier.code, at: nowText, action: request.action.rawValue,
                actor: user, actorName: user.fullName, actorRole: user.role.rawValue, fromStatus: from, toStatus: to,
                agencyID: agencyID, note: note), after: dossier.events, on: connection)
            if let notice = outcome.notice {
                try NotificationOutbox.enqueue(notice, to: .init(phone: dossier.applicant.phone, email: dossier.applicant.email),
                                               dossierID: dossier.id, eventSeq: event.seq, at: nowText, on: connection)
            }
            // The dossier as stored now, without reading it back: the writer is the bottleneck.
            var updated = outcome.dossier
            updated.version = dossier.version + 1
            updated.events.append(event)
            return updated
        }, completion: completion)
    }

    /// Writes the columns this action changed, with `updated_at`, and bumps `version`. Only
    /// changed columns: an index or counter trigger on an unchanged column (SQLite rewrites
    /// index entries and fires `UPDATE OF` triggers for every column named in SET) costs the
    /// single writer for nothing. The version guard cannot fail inside the same write that
    /// read it; it is there so that a future caller outside one write cannot lose an update
    /// silently.
    private static func update(_ dossier: Dossier, from original: Dossier, at now: String, on connection: Connection) throws {
        var assignments: [String] = []
        var values: [SQLiteValue] = []
        func set<Value: Equatable>(_ column: String, _ keyPath: KeyPath<Dossier, Value>, _ value: (Value) -> SQLiteValue) {
            guard dossier[keyPath: keyPath] != original[keyPath: keyPath] else { return }
            assignments.append("\(column) = ?")
            values.append(value(dossier[keyPath: keyPath]))
        }
        set("status", \.status) { SQLiteValue($0.rawValue) }
        set("received_at", \.receivedAt) { SQLiteValue($0) }
        set("due_at", \.dueAt) { SQLiteValue($0) }
        set("original_due_at", \.originalDueAt) { SQLiteValue($0) }
        set("finished_at", \.finishedAt) { SQLiteValue($0) }
        set("assignee_id", \.assigneeID) { SQLiteValue($0) }
        set("current_agency_id", \.currentAgencyID) { SQLiteValue($0) }
        set("result_summary", \.resultSummary) { SQLiteValue($0) }
        set("result_number", \.resultNumber) { SQLiteValue($0) }
        set("delivered_via", \.deliveredVia) { SQLiteValue($0) }
        assignments += ["updated_at = ?", "version = version + 1"]
        values += [SQLiteValue(now), SQLiteValue(dossier.id), SQLiteValue(original.version)]
        try connection.run("UPDATE dossiers SET \(assignments.joined(separator: ", ")) WHERE id = ? AND version = ?", values)
        guard connection.changes == 1 else {
            throw APIError.conflict("Hồ sơ đã được cập nhật bởi người khác. Vui lòng tải lại hồ sơ rồi thực hiện lại.")
        }
    }
}
