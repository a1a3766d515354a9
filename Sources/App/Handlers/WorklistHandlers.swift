import Domain
import Foundation
import HTTP
import Storage

/// `GET /api/v1/dossiers?status=&agency_id=&timing=&due_before=&q=&limit=&cursor=`: the
/// caller's worklist, soonest due first (API.md "Dossiers").
///
/// Staff see their desk's or agency's dossiers, citizens their own, the province-wide roles
/// everything. Without `status` the list holds the unfinished dossiers (the work to do), or
/// every status when `timing` asks for finished ones.
struct WorklistHandlers: Sendable {
    let context: AppContext
    /// NĐ 61/2018 Đ15.3, Đ19.4: the agency asks for a supplement within 3 working days of receipt.
    static let supplementWindow = TimeLimit(value: 3, unit: .workingDays)

    func list(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try Authenticator(sessions: context.sessions).requireUser(for: request, now: now)
        let query = try Self.parse(request)
        guard let (sql, bindings) = query.sql(for: user, now: VietnamTime.format(now)) else {
            throw APIError.forbidden("Vai trò này không có danh sách hồ sơ cần xử lý.")
        }
        let calendar = context.calendar
        let (page, lateRequests) = try context.database.read { connection -> ([Dossier], Set<Int>) in
            let page = try connection.query(sql, bindings).map(DossierStore.dossier(from:))
            return (page, try Self.lateSupplementRequests(among: page.prefix(query.limit), on: connection, calendar: calendar))
        }
        let items = page.prefix(query.limit)
        let next = page.count > query.limit ? items.last.map {
            WorklistQuery.Cursor(dueKey: $0.dueAt ?? WorklistQuery.noDueKey, id: $0.id).token
        } : nil
        return JSONResponse.make { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for dossier in items {
                Self.writeItem(dossier, lateSupplementRequest: lateRequests.contains(dossier.id), now: now, into: &json)
            }
            json.endArray()
            json.key("next_cursor"); json.string(next)
            json.endObject()
        }
    }

    /// Reads and checks the query; every problem at once, as 422.
    static func parse(_ request: Request) throws -> WorklistQuery {
        var problems: [String: String] = [:]
        var statuses = DossierStatus.allCases.filter { !$0.isTerminal }
        if let text = request.query("status") {
            let parsed = text.split(separator: ",").map { DossierStatus(rawValue: String($0).trimmingCharacters(in: .whitespaces)) }
            if parsed.isEmpty || parsed.contains(where: { $0 == nil }) {
                problems["status"] = "Trạng thái không hợp lệ (\(DossierStatus.allCases.map(\.rawValue).joined(separator: ", ")))."
            } else {
                statuses = parsed.compactMap { $0 }
            }
        }
        var timing: WorklistQuery.TimingFilter?
        if let text = request.query("timing") {
            timing = WorklistQuery.TimingFilter(rawValue: text)
            if timing == nil { problems["timing"] = "timing phải là within, overdue, early, on_time hoặc late." }
        }
        if request.query("status") == nil, let timing, timing != .within, timing != .overdue {
            statuses = DossierStatus.allCases   // finished dossiers are asked for
        }
        var agencyID: Int?
        if let text = request.query("agency_id") {
            agencyID = Int(text)
            if agencyID == nil { problems["agency_id"] = "Mã cơ quan phải là số nguyên." }
        }
        let dueBefore = StatsHandlers.time(request.query("due_before"), field: "due_before", problems: &problems)
        let limit = ListPage.limit(of: request, problems: &problems)
        var cursor: WorklistQuery.Cursor?
        if let text = request.query("cursor") {
            cursor = WorklistQuery.Cursor(token: text)
            if cursor == nil { problems["cursor"] = "cursor không hợp lệ; hãy dùng next_cursor của trang trước." }
        }
        let text = request.query("q")?.trimmingCharacters(in: .whitespaces)
        if let text, text.count > 200 { problems["q"] = "Từ khóa tìm kiếm quá dài (tối đa 200 ký tự)." }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        return WorklistQuery(statuses: statuses, agencyID: agencyID, timing: timing, dueBefore: dueBefore,
                             text: text?.isEmpty == false ? text : nil, cursor: cursor, limit: limit)
    }

    /// Ids of the dossiers whose first supplement request during processing came later than
    /// 3 working days after receipt (NĐ 61/2018 Đ15.3): the worklist flags them.
    static func lateSupplementRequests(among dossiers: ArraySlice<Dossier>, on connection: Connection,
                                       calendar: WorkingCalendar) throws -> Set<Int> {
        let received = dossiers.filter { $0.receivedAt != nil }
        guard !received.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: received.count).joined(separator: ", ")
        var late: Set<Int> = []
        let byID = Dictionary(uniqueKeysWithValues: received.map { ($0.id, $0) })
        try connection.forEach("""
            SELECT dossier_id, MIN(at) FROM dossier_events
            WHERE action = 'request_supplement' AND from_status IN ('received', 'in_progress')
              AND dossier_id IN (\(placeholders))
            GROUP BY dossier_id
            """, received.map { SQLiteValue($0.id) }) { row in
            let id = try row.int(at: 0)
            guard let receivedAt = byID[id]?.receivedAt.flatMap(VietnamTime.parse),
                  let requestedAt = VietnamTime.parse(try row.string(at: 1)) else { return }
            if requestedAt > calendar.dueDate(receivedAt: receivedAt, limit: supplementWindow).due { late.insert(id) }
        }
        return late
    }

    static func writeItem(_ dossier: Dossier, lateSupplementRequest: Bool, now: Date, into json: inout JSONWriter) {
        json.beginObject()
        json.key("code"); json.string(dossier.code)
        json.key("procedure_code"); json.string(dossier.procedureCode)
        json.key("procedure_name"); json.string(dossier.procedureName)
        json.key("agency_id"); json.int(dossier.agencyID)
        json.key("current_agency_id"); json.int(dossier.currentAgencyID)
        json.key("channel"); json.string(dossier.channel)
        json.key("status"); json.string(dossier.status.rawValue)
        json.key("applicant")
        json.beginObject()
        json.key("full_name"); json.string(dossier.applicant.fullName)
        json.key("id_number"); json.string(dossier.applicant.idNumber)
        json.endObject()
        json.key("submitted_at"); json.string(dossier.submittedAt)
        json.key("received_at"); json.string(dossier.receivedAt)
        json.key("due_at"); json.string(dossier.dueAt)
        json.key("original_due_at"); json.string(dossier.originalDueAt)
        json.key("finished_at"); json.string(dossier.finishedAt)
        json.key("timing"); json.string(dossier.timing(now: now)?.rawValue)
        json.key("assignee_id"); json.int(dossier.assigneeID)
        json.key("late_supplement_request"); json.bool(lateSupplementRequest)
        json.endObject()
    }
}
