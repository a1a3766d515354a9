import Domain
import Foundation
import Storage
import XCTest
@testable import App

/// The dashboard's running counters (migration 0002) agree with a full count of the dossiers,
/// after inserts, updates of every counted attribute, and deletes.
final class StatsCountersTests: AppTestCase {
    /// Inserts a dossier row directly, in the given state.
    func insert(_ connection: Connection, code: String, agency: Int, desk: Int, channel: String, status: String,
                received: String?, due: String?, finished: String?, documents: Int = 0) throws {
        try connection.run("""
            INSERT OR IGNORE INTO procedure_snapshots (id, procedure_id, code, name, time_limit_value, time_limit_unit)
            VALUES (1, 1, 'X', 'Thủ tục', 5, 'working_days')
            """)
        try connection.run("""
            INSERT INTO dossiers (code, procedure_id, procedure_snapshot_id, agency_id, desk_agency_id, current_agency_id,
                channel, status, applicant_name, applicant_id_number, applicant_phone, submitted_at, received_at, due_at,
                original_due_at, finished_at, document_count, updated_at)
            VALUES (?, 1, 1, ?, ?, ?, ?, ?, 'Nguyễn Văn A', '051190001234', '0905123456',
                    '2026-01-05T08:00:00+07:00', ?, ?, ?, ?, ?, '2026-01-05T08:00:00+07:00')
            """, [SQLiteValue(code), SQLiteValue(agency), SQLiteValue(desk), SQLiteValue(agency), SQLiteValue(channel),
                  SQLiteValue(status), SQLiteValue(received), SQLiteValue(due), SQLiteValue(due), SQLiteValue(finished),
                  SQLiteValue(documents)])
    }

    func assertSameFigures(now: String, scope: Int?, file: StaticString = #filePath, line: UInt = #line) throws {
        let stats = application.context.stats
        let fast = try stats.currentSummary(now: now, scopeAgencyID: scope, agencyIDs: nil)
        let scan = try stats.summary(from: "0000-01-01T00:00:00+07:00", to: now, scopeAgencyID: scope, agencyIDs: nil)
        XCTAssertEqual(fast.map(\.agencyID), scan.map(\.agencyID), file: file, line: line)
        for (a, b) in zip(fast, scan) {
            XCTAssertEqual(String(describing: a), String(describing: b), "agency \(a.agencyID)", file: file, line: line)
        }
    }

    func testCountersMatchAFullCountThroughInsertsUpdatesAndDeletes() throws {
        let now = "2026-03-01T10:00:00+07:00"
        try application.database.write { connection in
            // received, within and overdue; finished early, on time, late; withdrawn; refused; submitted.
            try insert(connection, code: "A1", agency: 3, desk: 2, channel: "counter", status: "received",
                       received: "2026-02-20T08:00:00+07:00", due: "2026-03-05T08:00:00+07:00", finished: nil, documents: 2)
            try insert(connection, code: "A2", agency: 3, desk: 2, channel: "online", status: "in_progress",
                       received: "2026-02-10T08:00:00+07:00", due: "2026-02-20T08:00:00+07:00", finished: nil)
            try insert(connection, code: "A3", agency: 4, desk: 2, channel: "postal", status: "returned",
                       received: "2026-01-10T08:00:00+07:00", due: "2026-01-20T17:00:00+07:00",
                       finished: "2026-01-15T09:00:00+07:00")
            try insert(connection, code: "A4", agency: 4, desk: 4, channel: "counter", status: "result_ready",
                       received: "2026-01-10T08:00:00+07:00", due: "2026-01-20T17:00:00+07:00",
                       finished: "2026-01-20T10:00:00+07:00")
            try insert(connection, code: "A5", agency: 4, desk: 4, channel: "online", status: "returned",
                       received: "2026-01-10T08:00:00+07:00", due: "2026-01-20T17:00:00+07:00",
                       finished: "2026-01-21T10:00:00+07:00")
            try insert(connection, code: "A6", agency: 5, desk: 2, channel: "counter", status: "withdrawn",
                       received: "2026-01-10T08:00:00+07:00", due: "2026-01-20T17:00:00+07:00",
                       finished: "2026-01-12T10:00:00+07:00")
            try insert(connection, code: "A7", agency: 5, desk: 5, channel: "online", status: "refused",
                       received: nil, due: nil, finished: nil)
            try insert(connection, code: "A8", agency: 5, desk: 5, channel: "online", status: "submitted",
                       received: nil, due: nil, finished: nil)
        }
        try assertSameFigures(now: now, scope: nil)
        try assertSameFigures(now: now, scope: 2)
        try assertSameFigures(now: now, scope: 4)

        // The overdue dossier is finished late, the within one moves agency and gets a document.
        try application.database.write { connection in
            try connection.run("UPDATE dossiers SET status = 'result_ready', finished_at = '2026-02-25T08:00:00+07:00' WHERE code = 'A2'")
            try connection.run("UPDATE dossiers SET current_agency_id = 6, document_count = 0 WHERE code = 'A1'")
            try connection.run("UPDATE dossiers SET status = 'received', received_at = '2026-02-26T08:00:00+07:00', original_due_at = '2026-03-10T08:00:00+07:00' WHERE code = 'A8'")
            try connection.run("DELETE FROM dossiers WHERE code = 'A7'")
        }
        try assertSameFigures(now: now, scope: nil)
        try assertSameFigures(now: now, scope: 6)
        try assertSameFigures(now: now, scope: 3)
        let total = try application.context.stats.currentSummary(now: now, scopeAgencyID: nil, agencyIDs: nil)
            .reduce(into: StatsStore.Counts(agencyID: 0)) { $0.add($1) }
        XCTAssertEqual(total.received, 7)
        XCTAssertEqual(total.resolvedLate, 2)
        XCTAssertEqual(total.refused, 0)
    }

    func testCurrentViewOverTheAPIMatchesAnExplicitPeriod() throws {
        let monitor = try token("monitor")
        for _ in 0..<2 { XCTAssertEqual(try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre")).status, 201) }
        let current = try call("GET", "/api/v1/stats/summary", token: monitor)
        let period = try call("GET", "/api/v1/stats/summary?from=2000-01-01&to=\(VietnamTime.format(Date().addingTimeInterval(60)).replacingOccurrences(of: "+", with: "%2B"))", token: monitor)
        XCTAssertEqual(current.status, 200)
        XCTAssertEqual(period.status, 200, period.text)
        XCTAssertEqual((current.json["received"] as? [String: Any])?["total"] as? Int, 2)
        XCTAssertEqual((period.json["received"] as? [String: Any])?["total"] as? Int, 2)
        XCTAssertEqual((current.json["in_progress"] as? [String: Any])?["within"] as? Int, 2)
    }
}
