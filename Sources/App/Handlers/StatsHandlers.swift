import Domain
import Foundation
import HTTP

/// `GET /api/v1/stats/summary?from=&to=&agency_id=`: the dashboard figures (API.md).
/// Staff see the dossiers their agency is responsible for, received, or holds; the
/// province-wide roles see everything; citizens are not shown internal statistics.
struct StatsHandlers: Sendable {
    let context: AppContext

    func summary(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try Authenticator(sessions: context.sessions).requireUser(for: request, now: now)
        guard user.role != .citizen else { throw APIError.forbidden("Thống kê nội bộ dành cho cán bộ, công chức.") }
        var problems: [String: String] = [:]
        let from = Self.time(request.query("from"), field: "from", problems: &problems) ?? "0000-01-01T00:00:00+07:00"
        // The period is [from, to); by default it ends just after this second, so that what
        // was received a moment ago counts.
        let to = Self.time(request.query("to"), field: "to", problems: &problems)
            ?? VietnamTime.format(now.addingTimeInterval(1))
        var agencyFilter: Int?
        if let text = request.query("agency_id") {
            if let id = Int(text) { agencyFilter = id } else { problems["agency_id"] = "Mã cơ quan phải là số nguyên." }
        }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        guard from <= to else { throw APIError.validationFailed(["to": "Thời điểm kết thúc phải sau thời điểm bắt đầu."]) }

        let scope = user.seesWholeProvince ? nil : user.agencyID
        if !user.seesWholeProvince, user.agencyID == nil { throw APIError.forbidden() }
        // Without a period the dashboard's current view comes from the running counters; a
        // period needs the dossiers themselves.
        let isCurrentView = request.query("from") == nil && request.query("to") == nil
        let rows = isCurrentView
            ? try context.stats.currentSummary(now: to, scopeAgencyID: scope, agencyIDs: agencyFilter.map { [$0] })
            : try context.stats.summary(from: from, to: to, scopeAgencyID: scope, agencyIDs: agencyFilter.map { [$0] })
        var total = StatsStore.Counts(agencyID: 0)
        for row in rows { total.add(row) }
        let agencies = context.catalog.agencies
        return JSONResponse.make { json in
            json.beginObject()
            json.key("from"); json.string(from)
            json.key("to"); json.string(to)
            Self.writeCounts(total, into: &json)
            json.key("by_agency")
            json.beginArray()
            for row in rows {
                json.beginObject()
                json.key("agency_id"); json.int(row.agencyID)
                json.key("agency_name"); json.string(agencies[row.agencyID]?.name)
                Self.writeCounts(row, into: &json)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
    }

    static func time(_ text: String?, field: String, problems: inout [String: String]) -> String? {
        guard let text else { return nil }
        guard let date = VietnamTime.parse(text) else {
            problems[field] = "Thời điểm không hợp lệ (ví dụ 2025-03-14 hoặc 2025-03-14T08:30:00+07:00)."
            return nil
        }
        return VietnamTime.format(date)
    }

    /// The members shared by the total and each agency's row; rates are null without data.
    static func writeCounts(_ counts: StatsStore.Counts, into json: inout JSONWriter) {
        json.key("received")
        json.beginObject()
        json.key("total"); json.int(counts.received)
        json.key("carried_over"); json.int(counts.carriedOver)
        json.key("online"); json.int(counts.online)
        json.key("counter"); json.int(counts.counter)
        json.key("postal"); json.int(counts.postal)
        json.endObject()
        writeResolvedAndInProgress(counts, into: &json)
        json.key("withdrawn"); json.int(counts.withdrawn)
        json.key("refused"); json.int(counts.refused)
        rate(counts.online, counts.receivedInPeriod, key: "online_rate", into: &json)
        rate(counts.resolvedEarly + counts.resolvedOnTime, counts.resolved, key: "on_time_rate", into: &json)
        rate(counts.digitized, counts.receivedInPeriod, key: "digitization_rate", into: &json)
        rate(counts.satisfied, counts.ratings, key: "satisfaction_rate", into: &json)
    }

    /// `resolved` {total, early, on_time, late} and `in_progress` {total, within, overdue}: the
    /// same in the summary and in the results report (its columns 7–13).
    static func writeResolvedAndInProgress(_ counts: StatsStore.Counts, into json: inout JSONWriter) {
        json.key("resolved")
        json.beginObject()
        json.key("total"); json.int(counts.resolved)
        json.key("early"); json.int(counts.resolvedEarly)
        json.key("on_time"); json.int(counts.resolvedOnTime)
        json.key("late"); json.int(counts.resolvedLate)
        json.endObject()
        json.key("in_progress")
        json.beginObject()
        json.key("total"); json.int(counts.inProgress)
        json.key("within"); json.int(counts.inProgressWithin)
        json.key("overdue"); json.int(counts.inProgressOverdue)
        json.endObject()
    }

    static func rate(_ part: Int, _ whole: Int, key: StaticString, into json: inout JSONWriter) {
        json.key(key)
        if whole > 0 {
            json.double((Double(part) / Double(whole) * 10_000).rounded() / 10_000)
        } else {
            json.null()
        }
    }
}
