import Foundation
import XCTest
@testable import App

/// `GET /api/v1/reports/results` (Biểu 06/VPCP/KSTT, TT 01/2020/TT-VPCP; BRIEF.md "Periodic
/// report of results"): rows per agency or field, columns 3–13, and the form's invariants.
final class ResultsReportTests: DossierActionTestCase {
    /// Two LLTP dossiers (Sở Tư pháp), one finished early; one company registration; one online
    /// submission withdrawn before receipt, which was never received and counts nowhere.
    func makeHistory() throws {
        let first = try receiveAtCounter()
        _ = try receiveAtCounter()
        let company = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "QNG-TTHC-002"), token: try token("centre"))
        XCTAssertEqual(company.status, 201, company.text)
        try expectOK(first, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        try expectOK(first, "complete", ["result": ["summary": "Phiếu LLTP"]], as: "justice.leader")
        let online = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: try token("citizen"))
        let code = try XCTUnwrap(online.json["code"] as? String)
        try expectOK(code, "withdraw", ["reason": "Nộp nhầm thủ tục"], as: "citizen")
    }

    func report(_ query: String = "", as user: String = "monitor") throws -> [String: Any] {
        let reply = try call("GET", "/api/v1/reports/results" + (query.isEmpty ? "" : "?" + query), token: try token(user))
        XCTAssertEqual(reply.status, 200, reply.text)
        return reply.json
    }

    static func columns(_ row: [String: Any]) -> [Int] {
        let received = row["received"] as? [String: Any] ?? [:]
        let resolved = row["resolved"] as? [String: Any] ?? [:]
        let open = row["in_progress"] as? [String: Any] ?? [:]
        return [received["total"], received["online"], received["direct_postal"], received["carried_over"],
                resolved["total"], resolved["early"], resolved["on_time"], resolved["late"],
                open["total"], open["within"], open["overdue"]].map { $0 as? Int ?? -1 }
    }

    /// 3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13; 3 = 7 + 11.
    func assertInvariants(_ c: [Int], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(c[0], c[1] + c[2] + c[3], "3 = 4+5+6: \(name)", file: file, line: line)
        XCTAssertEqual(c[4], c[5] + c[6] + c[7], "7 = 8+9+10: \(name)", file: file, line: line)
        XCTAssertEqual(c[8], c[9] + c[10], "11 = 12+13: \(name)", file: file, line: line)
        XCTAssertEqual(c[0], c[4] + c[8], "3 = 7+11: \(name)", file: file, line: line)
    }

    func testRowsPerAgencyHoldTheFormsColumnsAndInvariants_TT01_2020() throws {
        try makeHistory()
        let json = try report()
        XCTAssertEqual(json["title"] as? String, ReportHandlers.title)
        let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
        let justice = try XCTUnwrap(rows.first { $0["name"] as? String == "Sở Tư pháp" })
        XCTAssertEqual(Self.columns(justice), [2, 0, 2, 0, 1, 1, 0, 0, 1, 1, 0])
        XCTAssertEqual(justice["level"] as? String, "department")
        XCTAssertEqual(justice["stt"] as? Int, rows.firstIndex { $0["name"] as? String == "Sở Tư pháp" }.map { $0 + 1 })
        let total = try XCTUnwrap(json["total"] as? [String: Any])
        XCTAssertEqual(Self.columns(total), [3, 0, 3, 0, 1, 1, 0, 0, 2, 2, 0], "the withdrawn online submission was never received")
        for row in rows + [total] { assertInvariants(Self.columns(row), row["name"] as? String ?? "?") }
    }

    func testRowsPerFieldAndAnEmptyPeriod() throws {
        try makeHistory()
        let rows = try XCTUnwrap(try report("group=field")["rows"] as? [[String: Any]])
        let field = try XCTUnwrap(rows.first { $0["name"] as? String == "Lý lịch tư pháp" })
        XCTAssertEqual(Self.columns(field)[0], 2)
        XCTAssertNotNil(rows.first { $0["name"] as? String == "Thành lập và hoạt động doanh nghiệp" })
        let empty = try report("from=2025-01-01&to=2025-01-31")
        XCTAssertEqual(Self.columns(try XCTUnwrap(empty["total"] as? [String: Any])), Array(repeating: 0, count: 11))
    }

    func testCSVHasAByteOrderMarkTheNumberedColumnsAndATotal() throws {
        try makeHistory()
        let reply = try call("GET", "/api/v1/reports/results?format=csv", token: try token("monitor"))
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.headers["Content-Type"], "text/csv; charset=utf-8")
        XCTAssertEqual(Array(reply.body.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM for spreadsheet programs")
        let lines = reply.text.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.contains("(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)"))
        XCTAssertTrue(lines.contains(",Tổng cộng,3,0,3,0,1,1,0,0,2,2,0"), reply.text)
        XCTAssertTrue(reply.text.contains("\"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC\""),
                      "a title with commas is quoted (RFC 4180)")
    }

    func testScopeAndParameters() throws {
        try makeHistory()
        let health = try report(as: "health.specialist")
        XCTAssertEqual((health["rows"] as? [[String: Any]])?.count, 0, "no dossier of Sở Y tế")
        let justice = try report(as: "justice.specialist")
        XCTAssertEqual((justice["rows"] as? [[String: Any]])?.compactMap { $0["name"] as? String }, ["Sở Tư pháp"])
        XCTAssertEqual(try call("GET", "/api/v1/reports/results", token: try token("citizen")).status, 403)
        XCTAssertEqual(try call("GET", "/api/v1/reports/results").status, 401)
        for query in ["group=quarter", "format=xlsx", "from=hom-qua", "from=2026-02-01&to=2026-01-01", "agency_id=x"] {
            let reply = try call("GET", "/api/v1/reports/results?\(query)", token: try token("monitor"))
            XCTAssertEqual(reply.status, 422, query)
        }
    }

    /// The dashboard's running counters and its period scan agree that a dossier withdrawn
    /// before receipt was never resolved (it was never received).
    func testSummaryCountersAndScanAgreeOnAWithdrawalBeforeReceipt() throws {
        try makeHistory()
        let counters = try call("GET", "/api/v1/stats/summary", token: try token("monitor")).json
        let scan = try call("GET", "/api/v1/stats/summary?from=2000-01-01&to=2999-01-01", token: try token("monitor")).json
        for summary in [counters, scan] {
            XCTAssertEqual((summary["resolved"] as? [String: Any])?["total"] as? Int, 1)
            XCTAssertEqual((summary["received"] as? [String: Any])?["total"] as? Int, 3)
            XCTAssertEqual(summary["withdrawn"] as? Int, 1)
        }
    }
}
