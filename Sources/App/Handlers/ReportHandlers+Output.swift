import Domain
import Foundation
import HTTP

/// The results report as JSON, or as CSV for spreadsheet programs (UTF-8 with a byte order
/// mark, so that Excel reads the Vietnamese letters; RFC 4180 quoting).
extension ReportHandlers {
    func json(_ lines: [Line], total: StatsStore.Counts, from: String, to: String, group: String) -> Response {
        JSONResponse.make { json in
            json.beginObject()
            json.key("title"); json.string(Self.title)
            json.key("unit"); json.string("Số hồ sơ TTHC")
            json.key("from"); json.string(from)
            json.key("to"); json.string(to)
            json.key("group"); json.string(group)
            json.key("rows")
            json.beginArray()
            for (index, line) in lines.enumerated() {
                Self.write(line.counts, number: index + 1, name: line.name, level: line.level, into: &json)
            }
            json.endArray()
            json.key("total")
            Self.write(total, number: nil, name: "Tổng cộng", level: nil, into: &json)
            json.endObject()
        }
    }

    static func write(_ counts: StatsStore.Counts, number: Int?, name: String, level: String?, into json: inout JSONWriter) {
        json.beginObject()
        json.key("stt"); json.int(number)
        json.key("name"); json.string(name)
        if let level { json.key("level"); json.string(level) }
        json.key("received")
        json.beginObject()
        json.key("total"); json.int(counts.received)
        json.key("online"); json.int(counts.online)
        json.key("direct_postal"); json.int(counts.counter + counts.postal)
        json.key("carried_over"); json.int(counts.carriedOver)
        json.endObject()
        StatsHandlers.writeResolvedAndInProgress(counts, into: &json)
        json.endObject()
    }

    func csv(_ lines: [Line], total: StatsStore.Counts, period: (String, String), group: String) -> Response {
        var rows: [[String]] = [
            [Self.title],
            ["Đơn vị tính: Số hồ sơ TTHC"],
            ["Từ ngày \(period.0) đến ngày \(period.1)"],
            ["STT", group == "field" ? "Lĩnh vực" : "Đơn vị",
             "Số hồ sơ nhận giải quyết: Tổng số", "Trong kỳ: Trực tuyến", "Trong kỳ: Trực tiếp, dịch vụ bưu chính",
             "Từ kỳ trước", "Số hồ sơ đã giải quyết: Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn",
             "Số hồ sơ đang giải quyết: Tổng số", "Trong hạn", "Quá hạn"],
            (1...13).map { "(\($0))" },
        ]
        for (index, line) in lines.enumerated() {
            rows.append([String(index + 1), line.name] + Self.columns(line.counts))
        }
        rows.append(["", "Tổng cộng"] + Self.columns(total))
        var csv = CSVWriter()
        rows.forEach { csv.write($0) }
        let text = "\u{FEFF}" + csv.text
        var response = Response(status: 200, headers: ["Content-Type": "text/csv; charset=utf-8"], body: .bytes(Array(text.utf8)))
        response.headers.add("Content-Disposition", "attachment; filename=\"bao-cao-ket-qua-giai-quyet-tthc.csv\"")
        return response
    }

    /// Columns 3–13 of Biểu 06.
    static func columns(_ counts: StatsStore.Counts) -> [String] {
        [counts.received, counts.online, counts.counter + counts.postal, counts.carriedOver,
         counts.resolved, counts.resolvedEarly, counts.resolvedOnTime, counts.resolvedLate,
         counts.inProgress, counts.inProgressWithin, counts.inProgressOverdue].map(String.init)
    }
}
