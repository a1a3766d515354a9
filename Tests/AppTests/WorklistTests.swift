import Domain
import Foundation
import Storage
import XCTest
@testable import App

/// `GET /api/v1/dossiers`: each caller's worklist, soonest due first, filtered, paged with an
/// opaque cursor, and flagging supplement requests later than NĐ 61/2018 Đ15.3 allows.
final class WorklistTests: AppTestCase {
    /// LLTP (Sở Tư pháp, 10 working days) and a one-member company (Sở Kế hoạch và Đầu tư, 3).
    static let justice = "QNG-TTHC-001"
    static let company = "QNG-TTHC-002"

    func receive(_ procedure: String, idNumber: String = "051190001234") throws -> String {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: procedure, idNumber: idNumber),
                             token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text)
        return try XCTUnwrap(reply.json["code"] as? String)
    }

    func worklist(_ user: String, _ query: String = "") throws -> (codes: [String], reply: Reply) {
        let reply = try call("GET", "/api/v1/dossiers" + (query.isEmpty ? "" : "?" + query), token: try token(user))
        XCTAssertEqual(reply.status, 200, "\(user) \(query): \(reply.text)")
        let items = reply.json["items"] as? [[String: Any]] ?? []
        return (items.compactMap { $0["code"] as? String }, reply)
    }

    func testEachCallerSeesOnlyTheirWorkSoonestDueFirst() throws {
        let justice = try receive(Self.justice)
        let company = try receive(Self.company)
        let online = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: try token("citizen"))
        let submitted = try XCTUnwrap(online.json["code"] as? String)

        XCTAssertEqual(try worklist("centre").codes, [company, justice, submitted],
                       "3 working days come due before 10; the online submission awaiting acceptance comes last")
        XCTAssertEqual(try worklist("justice.specialist").codes, [justice], "intake is the desk's work, not the agency's")
        XCTAssertEqual(try worklist("health.specialist").codes, [])
        XCTAssertEqual(try worklist("commune").codes, [])
        XCTAssertEqual(try worklist("citizen").codes, [submitted])
        XCTAssertEqual(try worklist("citizen2").codes, [])
        XCTAssertEqual(try worklist("monitor").codes, [company, justice, submitted], "not yet received: last")
        XCTAssertEqual(try call("GET", "/api/v1/dossiers", token: try token("portal")).status, 403)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers").status, 401)

        let item = try XCTUnwrap((try worklist("centre").reply.json["items"] as? [[String: Any]])?.first)
        XCTAssertEqual(item["status"] as? String, "received")
        XCTAssertEqual(item["timing"] as? String, "within")
        XCTAssertEqual((item["applicant"] as? [String: Any])?["full_name"] as? String, "Nguyễn Thị Ánh")
        XCTAssertEqual(item["late_supplement_request"] as? Bool, false)
        XCTAssertNotNil(item["due_at"] as? String)
    }

    func testFiltersByStatusTextTimingDueDateAndAgency() throws {
        let justice = try receive(Self.justice, idNumber: "051190009999")
        let company = try receive(Self.company)
        XCTAssertEqual(try worklist("centre", "status=received").codes, [company, justice])
        XCTAssertEqual(try worklist("centre", "status=submitted,paused").codes, [])
        XCTAssertEqual(try worklist("centre", "q=\(justice.prefix(20))").codes.contains(justice), true)
        XCTAssertEqual(try worklist("centre", "q=051190009999").codes, [justice], "a CCCD number finds its dossiers")
        XCTAssertEqual(try worklist("centre", "q=Th%E1%BB%8B%20%C3%81nh").codes.count, 2, "part of the name (Thị Ánh)")
        XCTAssertEqual(try worklist("centre", "q=50%25").codes, [], "% is taken literally")
        XCTAssertEqual(try worklist("centre", "timing=within").codes, [company, justice])
        XCTAssertEqual(try worklist("centre", "timing=overdue").codes, [])
        XCTAssertEqual(try worklist("centre", "timing=late").codes, [])
        let justiceID = try XCTUnwrap(users["justice.specialist"]?.agencyID)
        XCTAssertEqual(try worklist("centre", "agency_id=\(justiceID)").codes, [justice])
        let companyDue = try XCTUnwrap(try call("GET", "/api/v1/dossiers/\(company)", token: try token("centre")).json["due_at"] as? String)
        let encoded = companyDue.replacingOccurrences(of: "+", with: "%2B")
        XCTAssertEqual(try worklist("centre", "due_before=\(encoded)").codes, [], "strictly before")
        XCTAssertEqual(try worklist("centre", "due_before=2999-01-01").codes, [company, justice])

        for query in ["status=open", "timing=soon", "agency_id=x", "due_before=tomorrow", "limit=0", "limit=501", "cursor=zz"] {
            let reply = try call("GET", "/api/v1/dossiers?\(query)", token: try token("centre"))
            XCTAssertEqual(reply.status, 422, query)
            XCTAssertFalse(reply.fieldErrors.isEmpty, query)
        }
    }

    func testCursorPagesThroughEveryDossierOnce() throws {
        var expected: [String] = []
        for index in 0..<5 { expected.append(try receive(index % 2 == 0 ? Self.company : Self.justice)) }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try worklist("centre", "limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            seen += page.codes
            cursor = page.reply.json["next_cursor"] as? String
            pages += 1
        } while cursor != nil && pages < 10
        XCTAssertEqual(pages, 3)
        XCTAssertEqual(Set(seen), Set(expected))
        XCTAssertEqual(seen.count, 5)
        XCTAssertEqual(seen, try worklist("centre").codes, "the same order as one page")
    }

    /// NĐ 61/2018 Đ15.3, Đ19.4: a supplement during processing is asked within 3 working days
    /// of receipt; the worklist flags a later request.
    func testSupplementRequestedAfterThreeWorkingDaysIsFlagged_ND61_D15_3() throws {
        let late = try receive(Self.justice)
        let timely = try receive(Self.justice)
        let database = application.context.database
        let calendar = application.context.calendar
        for (code, workingDays) in [(late, 5), (timely, 1)] {
            try database.write { connection in
                let row = try XCTUnwrap(try connection.queryOne("SELECT id, received_at, agency_id FROM dossiers WHERE code = ?", [SQLiteValue(code)]))
                let receivedAt = try XCTUnwrap(VietnamTime.parse(try row.string("received_at")))
                let at = calendar.dueDate(receivedAt: receivedAt, limit: TimeLimit(value: workingDays, unit: .workingDays)).due
                try connection.run("UPDATE dossiers SET status = 'paused' WHERE id = ?", [SQLiteValue(try row.int("id"))])
                try EventLog.append(EventLog.NewEvent(
                    dossierID: try row.int("id"), dossierCode: code, at: VietnamTime.format(at), action: "request_supplement",
                    actor: nil, actorName: "Chuyên viên", actorRole: "specialist", fromStatus: .inProgress, toStatus: .paused,
                    agencyID: try row.int("agency_id"), note: "Thiếu tờ khai"), after: nil, on: connection)
            }
        }
        let items = try XCTUnwrap(try worklist("justice.specialist", "status=paused").reply.json["items"] as? [[String: Any]])
        let flags = Dictionary(uniqueKeysWithValues: items.compactMap { item in
            (item["code"] as? String).map { ($0, item["late_supplement_request"] as? Bool) }
        })
        XCTAssertEqual(flags[late], true)
        XCTAssertEqual(flags[timely], false)
    }
}
