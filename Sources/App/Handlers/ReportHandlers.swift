import Domain
import Foundation
import HTTP

/// `GET /api/v1/reports/results?from=&to=&agency_id=&group=agency|field&format=json|csv`: the
/// periodic report of results of handling procedures (Biểu 06/VPCP/KSTT, TT 01/2020/TT-VPCP;
/// BRIEF.md "Periodic report of results"), one row per agency or per field, and a total.
///
/// Columns 3–13 of the form; the invariants 3 = 4 + 5 + 6, 7 = 8 + 9 + 10, 11 = 12 + 13 and
/// 3 = 7 + 11 hold by construction of the counts (received in the period or carried over is
/// either resolved in it or still in progress at its end).
struct ReportHandlers: Sendable {
    let context: AppContext
    static let title = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"

    struct Line {
        var name: String
        var level: String?
        var counts: StatsStore.Counts
    }

    func results(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try Authenticator(sessions: context.sessions).requireUser(for: request, now: now)
        guard user.role != .citizen, user.role != .integration else {
            throw APIError.forbidden("Báo cáo dành cho cán bộ, công chức và Văn phòng UBND tỉnh.")
        }
        var problems: [String: String] = [:]
        let today = VietnamTime.localDate(now)
        let fromDay = FormHandlers.day(request.query("from"), field: "from", problems: &problems)
            ?? LocalDate(year: today.year, month: today.month, day: 1) ?? today
        let toDay = FormHandlers.day(request.query("to"), field: "to", problems: &problems) ?? today
        if fromDay > toDay { problems["to"] = "Ngày kết thúc phải từ ngày bắt đầu trở đi." }
        let group = request.query("group") ?? "agency"
        if group != "agency", group != "field" { problems["group"] = "group phải là agency (theo đơn vị) hoặc field (theo lĩnh vực)." }
        let format = request.query("format") ?? "json"
        if format != "json", format != "csv" { problems["format"] = "format phải là json hoặc csv." }
        var agencyFilter: Int?
        if let text = request.query("agency_id") {
            agencyFilter = Int(text)
            if agencyFilter == nil { problems["agency_id"] = "Mã cơ quan phải là số nguyên." }
        }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        if !user.seesWholeProvince, user.agencyID == nil { throw APIError.forbidden() }

        // The period is whole days [from 00:00, the day after `to` 00:00).
        let from = VietnamTime.format(VietnamTime.startOfDay(fromDay))
        let to = VietnamTime.format(VietnamTime.startOfDay(toDay.adding(days: 1)))
        let rows = try context.stats.summary(from: from, to: to, scopeAgencyID: user.seesWholeProvince ? nil : user.agencyID,
                                             agencyIDs: agencyFilter.map { [$0] }, byProcedure: group == "field")
        let lines = group == "field" ? byField(rows) : byAgency(rows)
        var total = StatsStore.Counts(agencyID: 0)
        for line in lines { total.add(line.counts) }
        let period = (FormHandlers.display(fromDay), FormHandlers.display(toDay))
        return format == "csv"
            ? csv(lines, total: total, period: period, group: group)
            : json(lines, total: total, from: fromDay.description, to: toDay.description, group: group)
    }

    /// Rows per responsible agency, departments first, then districts, then communes.
    func byAgency(_ rows: [StatsStore.Counts]) -> [Line] {
        let agencies = context.catalog.agencies
        let order: [Agency.Level] = [.province, .department, .district, .commune]
        return rows.map { row in
            let agency = agencies[row.agencyID]
            return Line(name: agency?.name ?? "Cơ quan \(row.agencyID)", level: agency?.level.rawValue, counts: row)
        }.sorted { (Self.rank($0.level, order), $0.name) < (Self.rank($1.level, order), $1.name) }
    }

    static func rank(_ level: String?, _ order: [Agency.Level]) -> Int {
        order.firstIndex { $0.rawValue == level } ?? order.count
    }

    /// Rows per field (lĩnh vực) of the procedures, over every agency in scope.
    func byField(_ rows: [StatsStore.Counts]) -> [Line] {
        let fieldByProcedure = Dictionary(context.catalog.proceduresByCode.values.map { ($0.id, $0.field) }) { first, _ in first }
        var byField: [String: StatsStore.Counts] = [:]
        for row in rows {
            let field = row.procedureID.flatMap { fieldByProcedure[$0] } ?? "Khác"
            byField[field, default: StatsStore.Counts(agencyID: 0)].add(row)
        }
        return byField.map { Line(name: $0.key, level: nil, counts: $0.value) }.sorted { $0.name < $1.name }
    }
}
