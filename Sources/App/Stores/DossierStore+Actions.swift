import Domain
import Foundation
import Storage

extension DossierStore {
    /// Takes one action on the dossier `code` for `user` and returns the dossier after it.
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
                 calendar: WorkingCalendar) throws -> Dossier {
        let nowText = VietnamTime.format(now)
        return try database.write { connection in
            guard let dossier = try Self.load(code: code, on: connection), dossier.isVisible(to: user) else {
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
            try Self.update(outcome.dossier, expectedVersion: dossier.version, at: nowText, on: connection)
            let joined = [outcome.detail, request.note].compactMap { $0 }.joined(separator: " — ")
            let note = joined.isEmpty ? nil : joined
            let agencyID = user.agencyID ?? dossier.currentAgencyID
            let seq = try EventLog.append(EventLog.NewEvent(
                dossierID: dossier.id, dossierCode: dossier.code, at: nowText, action: request.action.rawValue,
                actor: user, actorName: user.fullName, actorRole: user.role.rawValue, fromStatus: from, toStatus: to,
                agencyID: agencyID, note: note), on: connection)
            if let notice = outcome.notice {
                try NotificationOutbox.enqueue(notice, to: .init(phone: dossier.applicant.phone, email: dossier.applicant.email),
                                               dossierID: dossier.id, eventSeq: seq, at: nowText, on: connection)
            }
            // The dossier as stored now, without reading it back: the writer is the bottleneck.
            var updated = outcome.dossier
            updated.version = dossier.version + 1
            updated.events.append(Dossier.Event(
                seq: seq, at: nowText, action: request.action.rawValue, actorID: user.id, actorName: user.fullName,
                actorRole: user.role.rawValue, fromStatus: from.rawValue, toStatus: to.rawValue, agencyID: agencyID, note: note))
            return updated
        }
    }

    /// Writes the columns an action may change and bumps `version`. The version guard cannot
    /// fail inside the same write that read it; it is there so that a future caller outside
    /// one write cannot lose an update silently.
    private static func update(_ dossier: Dossier, expectedVersion: Int, at now: String, on connection: Connection) throws {
        try connection.run("""
            UPDATE dossiers SET status = ?, received_at = ?, due_at = ?, original_due_at = ?, finished_at = ?,
                assignee_id = ?, current_agency_id = ?, result_summary = ?, result_number = ?, delivered_via = ?,
                updated_at = ?, version = version + 1
            WHERE id = ? AND version = ?
            """, [SQLiteValue(dossier.status.rawValue), SQLiteValue(dossier.receivedAt), SQLiteValue(dossier.dueAt),
                  SQLiteValue(dossier.originalDueAt), SQLiteValue(dossier.finishedAt), SQLiteValue(dossier.assigneeID),
                  SQLiteValue(dossier.currentAgencyID), SQLiteValue(dossier.resultSummary),
                  SQLiteValue(dossier.resultNumber), SQLiteValue(dossier.deliveredVia), SQLiteValue(now),
                  SQLiteValue(dossier.id), SQLiteValue(expectedVersion)])
        guard connection.changes == 1 else {
            throw APIError.conflict("Hồ sơ đã được cập nhật bởi người khác. Vui lòng tải lại hồ sơ rồi thực hiện lại.")
        }
    }
}
