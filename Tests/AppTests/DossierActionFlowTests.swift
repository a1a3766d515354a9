import Foundation
import XCTest
@testable import App
@testable import Domain

/// The dossier lifecycle through `POST /api/v1/dossiers/{code}/actions` over real sockets
/// (API.md actions table; NĐ 61/2018 as cited per test).
final class DossierActionFlowTests: DossierActionTestCase {
    let tenDays = TimeLimit(value: 10, unit: .workingDays)

    func testCounterDossierGoesAssignCompleteDeliverToReturned_ND61_D18_D20() throws {
        let code = try receiveAtCounter()
        let justice = try agencyID(named: "Sở Tư pháp")
        let assigned = try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        XCTAssertEqual(assigned["status"] as? String, "in_progress")
        XCTAssertEqual(assigned["assignee_id"] as? Int, try userID("justice.specialist"))
        // The desk hands the dossier to the processing agency (NĐ 61 Đ18): it now holds it.
        XCTAssertEqual(assigned["current_agency_id"] as? Int, justice)
        XCTAssertEqual(assigned["version"] as? Int, 2)

        let forwarded = try expectOK(code, "forward", ["user_id": try userID("justice.leader"), "note": "Trình ký"],
                                     as: "justice.specialist")
        XCTAssertEqual(forwarded["assignee_id"] as? Int, try userID("justice.leader"))

        let completed = try expectOK(code, "complete", ["result": ["summary": "Phiếu lý lịch tư pháp số 1", "number": "123/LLTP"]],
                                     as: "justice.leader")
        XCTAssertEqual(completed["status"] as? String, "result_ready")
        let result = try XCTUnwrap(completed["result"] as? [String: Any])
        XCTAssertEqual(result["summary"] as? String, "Phiếu lý lịch tư pháp số 1")
        XCTAssertEqual(result["number"] as? String, "123/LLTP")
        // finished_at is the moment the result is ready (docs/API.md).
        XCTAssertEqual(try date(completed, "finished_at"), try lastEventAt(completed))
        XCTAssertEqual(completed["timing"] as? String, "early")

        let delivered = try call("POST", "/api/v1/dossiers/\(code)/actions", json: ["action": "deliver", "via": "postal"],
                                 token: try token("centre"))
        XCTAssertEqual(delivered.status, 200, delivered.text)
        XCTAssertEqual(delivered.json["status"] as? String, "returned")
        XCTAssertEqual(delivered.json["delivered_via"] as? String, "postal")
        XCTAssertEqual(delivered.json["finished_at"] as? String, completed["finished_at"] as? String)
        XCTAssertEqual(delivered.json["version"] as? Int, 5)
        XCTAssertEqual(delivered.headers["ETag"], "\"v5\"")

        // One event per action, each with the national portal's status (BRIEF.md).
        let events = try storedEvents(code)
        XCTAssertEqual(events.map(\.action), ["receive", "assign", "forward", "complete", "deliver"])
        XCTAssertEqual(events.map(\.national), [2, 4, 4, 9, 10])
        XCTAssertEqual(events.last?.from, "result_ready")
        let read = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual((read.json["events"] as? [[String: Any]])?[2]["note"] as? String, "Người xử lý: Người justice.leader — Trình ký")
        XCTAssertEqual(read.headers["ETag"], "\"v5\"")
        // The action's answer is the dossier exactly as a later read returns it.
        XCTAssertEqual(NSDictionary(dictionary: delivered.json), NSDictionary(dictionary: read.json))
        XCTAssertEqual(read.json["version"] as? Int, 5)
    }

    func testOnlineDossierIsSupplementedAtIntakeThenAcceptedWithItsDueDate_ND61_D15() throws {
        let code = try submitOnline()
        let document = try XCTUnwrap(try publishedDocuments().first)
        let requested = try expectOK(code, "request_supplement", ["missing": [document], "note": "Bản sao không rõ"], as: "centre")
        XCTAssertEqual(requested["status"] as? String, "supplement_requested")
        let supplied = try expectOK(code, "supplement", as: "citizen")
        XCTAssertEqual(supplied["status"] as? String, "submitted")
        XCTAssertTrue(supplied["received_at"] is NSNull)

        let accepted = try expectOK(code, "accept", as: "centre")
        XCTAssertEqual(accepted["status"] as? String, "received")
        let acceptedAt = try lastEventAt(accepted)
        XCTAssertEqual(try date(accepted, "received_at"), acceptedAt)
        let due = application.context.calendar.dueDate(receivedAt: acceptedAt, limit: tenDays).due
        XCTAssertEqual(try date(accepted, "due_at"), due)
        XCTAssertEqual(try date(accepted, "original_due_at"), due)
        XCTAssertEqual(try storedEvents(code).map(\.national), [1, 5, 1, 2])
        XCTAssertEqual(try storedEvents(code).map(\.action), ["submit", "request_supplement", "supplement", "accept"])
    }

    func testSupplementAfterPauseRestartsTheTimeLimitFromZero_ND61_D19_4() throws {
        let code = try receiveAtCounter()
        let received = try XCTUnwrap(try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).json["received_at"] as? String)
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        let document = try XCTUnwrap(try publishedDocuments().last)
        let paused = try expectOK(code, "request_supplement", ["missing": [document]], as: "justice.specialist")
        XCTAssertEqual(paused["status"] as? String, "paused")

        let resumed = try expectOK(code, "supplement", as: "centre")
        XCTAssertEqual(resumed["status"] as? String, "in_progress")
        let suppliedAt = try lastEventAt(resumed)
        // "thời hạn giải quyết được tính lại từ đầu": due as for a dossier received at the supplement.
        let due = application.context.calendar.dueDate(receivedAt: suppliedAt, limit: tenDays).due
        XCTAssertEqual(try date(resumed, "due_at"), due)
        XCTAssertEqual(try date(resumed, "original_due_at"), due)
        // The receipt stays a fact of history (the report counts it in its period).
        XCTAssertEqual(resumed["received_at"] as? String, received)
        XCTAssertEqual(try storedEvents(code).map(\.national), [2, 4, 5, 4])
    }

    func testApologyMovesTheDueDateOnceAndKeepsTheOriginalDueDate_ND61_D19_9() throws {
        let code = try receiveAtCounter()
        let before = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).json
        let due = try date(before, "due_at")
        let newDue = application.context.calendar.adding(workingMinutes: 2 * 450, to: due)
        let apologized = try expectOK(code, "apologize", ["new_due_at": VietnamTime.format(newDue), "reason": "Chờ xác minh"],
                                      as: "centre")
        XCTAssertEqual(apologized["status"] as? String, "received")
        XCTAssertEqual(try date(apologized, "due_at"), newDue)
        XCTAssertEqual(apologized["original_due_at"] as? String, before["original_due_at"] as? String)

        let again = try act(code, "apologize", ["new_due_at": VietnamTime.format(newDue.addingTimeInterval(86_400)),
                                                "reason": "Lần hai"], as: "centre")
        XCTAssertEqual(again.status, 409, again.text)
        XCTAssertEqual(again.errorCode, "conflict")
        XCTAssertEqual((again.json["error"] as? [String: Any])?["message"] as? String, DossierError.apologyAlreadyGiven.message)
        XCTAssertEqual(try storedEvents(code).map(\.action), ["receive", "apologize"])
    }

    func testApologyLessThanOneWorkingDayBeforeTheDueDateIsRefused_ND61_D19_9() throws {
        let code = try receiveAtCounter()
        // The dossier is due in one working hour from now (set directly: the clock is real).
        let calendar = application.context.calendar
        let nearDue = calendar.adding(workingMinutes: 60, to: calendar.startOfWorkingTime(atOrAfter: Date()))
        try application.context.database.write { connection in
            try connection.run("UPDATE dossiers SET due_at = ?, original_due_at = ? WHERE code = ?",
                               [.init(VietnamTime.format(nearDue)), .init(VietnamTime.format(nearDue)), .init(code)])
        }
        let late = try act(code, "apologize", ["new_due_at": VietnamTime.format(nearDue.addingTimeInterval(5 * 86_400)),
                                               "reason": "Chờ xác minh"], as: "centre")
        XCTAssertEqual(late.status, 422, late.text)
        XCTAssertEqual(late.errorCode, "validation_failed")
        XCTAssertEqual(late.fieldErrors["new_due_at"], DossierError.apologyTooLate(dueAt: nearDue).message)
        XCTAssertEqual(try storedEvents(code).map(\.action), ["receive"])
        XCTAssertEqual(try notices(code).map(\.action), ["receive"])
    }

    func testApologyWithANewDateNotAfterTheDueDateIsRefused_ND61_D19_9() throws {
        let code = try receiveAtCounter()
        let due = try date(try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre")).json, "due_at")
        let reply = try act(code, "apologize", ["new_due_at": VietnamTime.format(due), "reason": "Chờ"], as: "centre")
        XCTAssertEqual(reply.status, 422, reply.text)
        XCTAssertEqual(reply.fieldErrors["new_due_at"], DossierError.newDueDateNotLater(dueAt: due).message)
    }

    func testTransferHandsTheDossierToAnotherAgencyWhichCanThenSeeIt() throws {
        let code = try receiveAtCounter()
        let health = try agencyID(named: "Sở Y tế")
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("health.specialist")).status, 404)
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let transferred = try expectOK(code, "transfer", ["agency_id": health], as: "justice.leader")
        XCTAssertEqual(transferred["current_agency_id"] as? Int, health)
        XCTAssertTrue(transferred["assignee_id"] is NSNull)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("health.specialist")).status, 200)
        let forwarded = try expectOK(code, "forward", ["user_id": try userID("health.leader")], as: "health.specialist")
        XCTAssertEqual(forwarded["assignee_id"] as? Int, try userID("health.leader"))
    }

    func testApplicantWithdrawsTheirOnlineDossier() throws {
        let code = try submitOnline()
        let withdrawn = try expectOK(code, "withdraw", ["reason": "Nộp nhầm thủ tục"], as: "citizen")
        XCTAssertEqual(withdrawn["status"] as? String, "withdrawn")
        XCTAssertEqual(try date(withdrawn, "finished_at"), try lastEventAt(withdrawn))
        XCTAssertEqual(try storedEvents(code).last?.national, 7)
    }

    func testCounterOfficerRefusesAtIntakeWithTheReason_ND61_D15() throws {
        let code = try submitOnline()
        let refused = try expectOK(code, "refuse", ["reason": "Không thuộc thẩm quyền"], as: "centre")
        XCTAssertEqual(refused["status"] as? String, "refused")
        XCTAssertTrue(refused["finished_at"] is NSNull)
        XCTAssertEqual((refused["events"] as? [[String: Any]])?.last?["note"] as? String, "Lý do: Không thuộc thẩm quyền")
        XCTAssertEqual(try storedEvents(code).last?.national, 3)
    }

    func testRunningCountersAgreeWithAFullCountAfterActions() throws {
        let first = try receiveAtCounter()
        try expectOK(first, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        try expectOK(first, "complete", ["result": ["summary": "Xong"]], as: "justice.leader")
        let second = try submitOnline()
        try expectOK(second, "accept", as: "centre")
        try expectOK(second, "withdraw", ["reason": "Không cần nữa"], as: "centre")
        let third = try submitOnline()
        try expectOK(third, "refuse", ["reason": "Sai thủ tục"], as: "centre")

        let stats = application.context.stats
        let now = VietnamTime.format(Date().addingTimeInterval(60))
        let fast = try stats.currentSummary(now: now, scopeAgencyID: nil, agencyIDs: nil)
        let scan = try stats.summary(from: "0000-01-01T00:00:00+07:00", to: now, scopeAgencyID: nil, agencyIDs: nil)
        XCTAssertEqual(fast.map { String(describing: $0) }, scan.map { String(describing: $0) })
        XCTAssertFalse(fast.isEmpty)
    }
}
