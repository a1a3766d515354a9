import Domain
import Foundation
import Storage

/// What each action does to a dossier beyond its status (API.md's actions table, BRIEF.md's
/// due-date rules), checked against the database inside the action's write.
///
/// Called by `DossierStore.perform` after the workflow allowed the action; throws 422/409 for
/// parameters that name something that does not fit (a document not on the procedure's list,
/// a user of another agency), and the domain's apology refusals.
struct DossierActionEffects {
    let request: DossierActionRequest
    let user: User
    let now: Date
    let calendar: WorkingCalendar
    let connection: Connection

    /// The dossier after the action, the text the event records beside the caller's note, and
    /// the notice to the applicant, if the event concerns them.
    struct Outcome {
        var dossier: Dossier
        var detail: String?
        var notice: NotificationTexts.Message?
    }

    static let staffRoles: Set<String> = [Role.counterOfficer.rawValue, Role.specialist.rawValue, Role.leader.rawValue]

    func apply(to original: Dossier, target: DossierStatus) throws -> Outcome {
        var dossier = original
        dossier.status = target
        let nowText = VietnamTime.format(now)
        let subject = NotificationTexts.Subject(code: dossier.code, applicantName: dossier.applicant.fullName,
                                                procedureName: dossier.procedureName)
        switch request.action {
        case .accept:
            let due = try restartTimeLimit(&dossier)
            dossier.receivedAt = nowText
            return Outcome(dossier: dossier, notice: NotificationTexts.received(subject, dueAt: due))
        case .requestSupplement:
            let names = try checkSupplementRequest(original)
            return Outcome(dossier: dossier, detail: "Yêu cầu bổ sung: " + names.joined(separator: "; "),
                           notice: NotificationTexts.supplementRequested(subject, missing: names,
                                                                         duringProcessing: original.status != .submitted))
        case .supplement:
            guard DossierWorkflow.startsTimeLimit(from: original.status, action: .supplement) else {
                return Outcome(dossier: dossier)
            }
            // NĐ 61 Đ19.4: the time limit restarts from zero at the complete supplement.
            let due = try restartTimeLimit(&dossier)
            return Outcome(dossier: dossier, detail: "Thời hạn giải quyết tính lại từ đầu (NĐ 61 Đ19.4)",
                           notice: NotificationTexts.restarted(subject, dueAt: due))
        case .refuse:
            return Outcome(dossier: dossier, detail: request.reason.map { "Lý do: \($0)" })
        case .assign, .forward:
            let handler = try checkHandler(of: original)
            dossier.assigneeID = handler.id
            dossier.currentAgencyID = handler.agencyID
            return Outcome(dossier: dossier, detail: "Người xử lý: \(handler.fullName)")
        case .transfer:
            let agency = try checkReceivingAgency(of: original)
            dossier.currentAgencyID = agency.id
            // The receiving agency assigns its own handler.
            dossier.assigneeID = nil
            return Outcome(dossier: dossier, detail: "Chuyển liên thông đến \(agency.name)")
        case .complete:
            // The dossier is finished when its result is ready (BRIEF.md "Timing"; docs/API.md).
            dossier.finishedAt = nowText
            dossier.resultSummary = request.resultSummary
            dossier.resultNumber = request.resultNumber
            try markResultDocuments(of: &dossier)
            return Outcome(dossier: dossier, detail: request.resultNumber.map { "Số kết quả: \($0)" },
                           notice: NotificationTexts.resultReady(subject))
        case .deliver:
            dossier.deliveredVia = request.via
            return Outcome(dossier: dossier, detail: request.via.map { "Trả kết quả qua: \($0)" })
        case .apologize:
            let newDue = try checkApology(original)
            dossier.dueAt = VietnamTime.format(newDue)
            let reason = request.reason ?? ""
            return Outcome(dossier: dossier, detail: "Hẹn lại: \(VietnamTime.display(newDue)). Lý do: \(reason)",
                           notice: NotificationTexts.apology(subject, newDueAt: newDue, reason: reason))
        case .withdraw:
            // A withdrawn dossier counts as resolved from its finish (BRIEF.md report rules),
            // unless its result was already ready.
            if dossier.finishedAt == nil { dossier.finishedAt = nowText }
            return Outcome(dossier: dossier, detail: request.reason.map { "Lý do: \($0)" })
        }
    }

    // MARK: - Checks against the database

    /// Sets `due_at` and `original_due_at` as for a dossier received now, with the time limit
    /// the dossier kept from its receipt; returns the due date.
    private func restartTimeLimit(_ dossier: inout Dossier) throws -> Date {
        guard let limit = dossier.timeLimit else { throw APIError.internalError }
        let due = calendar.dueDate(receivedAt: now, limit: limit).due
        dossier.dueAt = VietnamTime.format(due)
        dossier.originalDueAt = dossier.dueAt
        return due
    }

    /// A supplement request lists everything at once, only documents on the procedure's
    /// published list (NĐ 61 Đ15.3, Đ19.4): once at intake and once during processing.
    private func checkSupplementRequest(_ dossier: Dossier) throws -> [String] {
        let atIntake = dossier.status == .submitted
        let earlier = dossier.events.contains { event in
            event.action == DossierAction.requestSupplement.rawValue
                && (event.fromStatus == DossierStatus.submitted.rawValue) == atIntake
        }
        if earlier {
            throw APIError.conflict(atIntake
                ? "Hồ sơ đã được yêu cầu bổ sung khi tiếp nhận; yêu cầu bổ sung phải nêu đầy đủ một lần (NĐ 61 Đ15.3)."
                : "Hồ sơ đã được yêu cầu bổ sung trong quá trình giải quyết; yêu cầu bổ sung chỉ được đưa ra một lần, nêu đầy đủ các giấy tờ (NĐ 61 Đ19.4).")
        }
        let row = try connection.queryOne("SELECT documents FROM procedures WHERE id = ?", [SQLiteValue(dossier.procedureID)])
        let published = Set(try Self.documentNames(fromJSON: try row?.string("documents") ?? "[]"))
        if let unknown = request.missing.first(where: { !published.contains($0) }) {
            throw APIError.validationFailed([
                "missing": "Giấy tờ \"\(unknown)\" không có trong thành phần hồ sơ đã công bố của thủ tục; chỉ được yêu cầu bổ sung giấy tờ thuộc danh mục đã công bố.",
            ])
        }
        return request.missing
    }

    static func documentNames(fromJSON text: String) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return (value as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    /// The handler of `assign`/`forward`: an active officer, specialist or leader; for
    /// `forward` of the agency holding the dossier, for `assign` of that agency or of the agency
    /// responsible for it (a desk hands the dossier to the processing agency).
    /// `result.document_ids`: documents of this dossier (uploaded before `complete`) become its
    /// result, listed under `result.documents` (NĐ 45/2020: the electronic copy of the result).
    private func markResultDocuments(of dossier: inout Dossier) throws {
        let ids = request.resultDocumentIDs
        guard !ids.isEmpty else { return }
        let owned = Set(dossier.documents.map(\.id))
        if let stranger = ids.first(where: { !owned.contains($0) }) {
            throw APIError.validationFailed(["result.document_ids": "Tài liệu \(stranger) không thuộc hồ sơ này."])
        }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try connection.run("UPDATE documents SET is_result = 1 WHERE dossier_id = ? AND id IN (\(placeholders))",
                           [SQLiteValue(dossier.id)] + ids.map { SQLiteValue($0) })
        try DocumentStore.storeList(dossierID: dossier.id, on: connection)
        for index in dossier.documents.indices where ids.contains(dossier.documents[index].id) {
            dossier.documents[index].isResult = true
        }
    }

    private func checkHandler(of dossier: Dossier) throws -> (id: Int, agencyID: Int, fullName: String) {
        let agencies = request.action == .assign ? [dossier.currentAgencyID, dossier.agencyID] : [dossier.currentAgencyID]
        guard let id = request.userID,
              let row = try connection.queryOne("SELECT full_name, role, agency_id, is_active FROM users WHERE id = ?",
                                                [SQLiteValue(id)]),
              try row.int("is_active") != 0, Self.staffRoles.contains(try row.string("role")),
              let agencyID = try row.optionalInt("agency_id"), agencies.contains(agencyID) else {
            throw APIError.validationFailed(["user_id": request.action == .assign
                ? "Người được phân công phải là cán bộ đang hoạt động của cơ quan đang giữ hoặc chịu trách nhiệm giải quyết hồ sơ."
                : "Người xử lý bước tiếp theo phải là cán bộ đang hoạt động của cơ quan đang giữ hồ sơ."])
        }
        return (id, agencyID, try row.string("full_name"))
    }

    /// The receiving agency of a transfer: an existing agency other than the one holding it.
    private func checkReceivingAgency(of dossier: Dossier) throws -> (id: Int, name: String) {
        guard let id = request.agencyID,
              let row = try connection.queryOne("SELECT name FROM agencies WHERE id = ?", [SQLiteValue(id)]) else {
            throw APIError.validationFailed(["agency_id": "Không tìm thấy cơ quan nhận liên thông."])
        }
        guard id != dossier.currentAgencyID else {
            throw APIError.validationFailed(["agency_id": "Cơ quan nhận liên thông phải khác cơ quan đang giữ hồ sơ."])
        }
        return (id, try row.string("name"))
    }

    /// Mẫu 04 (NĐ 61 Đ19.9): once per dossier, at least one working day before `due_at`.
    private func checkApology(_ dossier: Dossier) throws -> Date {
        guard let dueAt = dossier.dueAt.flatMap(VietnamTime.parse), let newDue = request.newDueAt else {
            throw APIError.internalError
        }
        let already = dossier.events.contains { $0.action == DossierAction.apologize.rawValue }
        try DossierWorkflow.checkApology(at: now, dueAt: dueAt, newDueAt: newDue, alreadyApologized: already,
                                         calendar: calendar)
        return newDue
    }
}
