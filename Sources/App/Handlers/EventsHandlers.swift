import Domain
import Foundation
import HTTP
import Storage

/// `GET /api/v1/events?after=<seq>&limit=`: the audit events in commit order for the
/// national portal's sync (API.md "Events feed"; roles integration, province_monitor, admin).
///
/// `seq` is assigned inside the write transaction from the last committed event, and one
/// writer commits at a time, so a reader never sees seq n+1 without n: the feed is gap-free,
/// and a client resumes by passing the last `seq` it stored as `after` (`next_after`).
struct EventsHandlers: Sendable {
    let context: AppContext
    static let readers: Set<Role> = [.integration, .provinceMonitor, .admin]

    func list(_ request: Request) throws -> Response {
        let user = try Authenticator(sessions: context.sessions).requireUser(for: request, now: context.now())
        guard Self.readers.contains(user.role) else {
            throw APIError.forbidden("Luồng sự kiện dành cho hệ thống kết nối và Văn phòng UBND tỉnh.")
        }
        var problems: [String: String] = [:]
        var after = 0
        if let text = request.query("after") {
            if let value = Int(text), value >= 0 { after = value } else {
                problems["after"] = "after phải là số thứ tự sự kiện (số nguyên không âm)."
            }
        }
        let limit = ListPage.limit(of: request, problems: &problems)
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }

        var nextAfter = after
        let body = try context.database.read { connection in
            var json = JSONWriter(capacity: 256 + limit * 220)
            json.beginObject()
            json.key("items")
            json.beginArray()
            try connection.forEach("""
                SELECT e.seq, e.at, d.code, e.action, e.from_status, e.to_status, e.national_status, e.agency_id
                FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
                WHERE e.seq > ? ORDER BY e.seq LIMIT ?
                """, [SQLiteValue(after), SQLiteValue(limit)]) { row in
                let seq = try row.int(at: 0)
                nextAfter = seq
                json.beginObject()
                json.key("seq"); json.int(seq)
                json.key("at"); json.string(try row.string(at: 1))
                json.key("dossier_code"); json.string(try row.string(at: 2))
                json.key("action"); json.string(try row.string(at: 3))
                json.key("from_status"); json.string(try row.optionalString(at: 4))
                json.key("to_status"); json.string(try row.string(at: 5))
                json.key("national_status"); json.int(try row.int(at: 6))
                json.key("agency_id"); json.int(try row.int(at: 7))
                json.endObject()
            }
            json.endArray()
            json.key("next_after"); json.int(nextAfter)
            json.endObject()
            return json.bytes
        }
        return Response(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: .bytes(body))
    }
}
