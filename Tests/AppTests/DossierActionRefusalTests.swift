import Foundation
import Storage
import XCTest
@testable import App
@testable import Domain

/// Every refusal path of `POST /api/v1/dossiers/{code}/actions`: 404 unseen, 403 seen but not
/// the caller's to take, 409 from the wrong status or a rule already used, 422 parameters,
/// and nothing written when refused.
final class DossierActionRefusalTests: DossierActionTestCase {
    func allowed(_ reply: Reply) -> [String]? {
        ((reply.json["error"] as? [String: Any])?["details"] as? [String: Any])?["allowed_actions"] as? [String]
    }

    func testActionNotAllowedFromTheStatusIs409ListingTheCallersAllowedActions() throws {
        let code = try receiveAtCounter()
        let reply = try act(code, "deliver", ["via": "counter"], as: "centre")
        XCTAssertEqual(reply.status, 409, reply.text)
        XCTAssertEqual(reply.errorCode, "invalid_transition")
        let expected = DossierWorkflow.allowedActions(from: .received, role: .counterOfficer, isApplicant: false).map(\.rawValue)
        XCTAssertEqual(allowed(reply), expected)
        XCTAssertEqual(expected, ["assign", "apologize", "withdraw"])
        // The applicant of an online dossier sees only what the applicant may do.
        let online = try submitOnline()
        let citizen = try act(online, "deliver", ["via": "online"], as: "citizen")
        XCTAssertEqual(citizen.status, 409)
        XCTAssertEqual(allowed(citizen), ["withdraw"])
    }

    func testTerminalDossierAcceptsNoFurtherAction() throws {
        let code = try submitOnline()
        try expectOK(code, "refuse", ["reason": "Không thuộc thẩm quyền"], as: "centre")
        let reply = try act(code, "withdraw", ["reason": "Rút"], as: "citizen")
        XCTAssertEqual(reply.status, 409)
        XCTAssertEqual(reply.errorCode, "invalid_transition")
        XCTAssertNil(allowed(reply))
    }

    func testDossierTheCallerCannotSeeIs404() throws {
        let code = try receiveAtCounter()
        for name in ["health.specialist", "commune", "citizen2", "citizen", "health.leader"] {
            let reply = try act(code, "withdraw", ["reason": "x"], as: name)
            XCTAssertEqual(reply.status, 404, "\(name): \(reply.text)")
            XCTAssertEqual(reply.errorCode, "not_found")
        }
        let unknown = try act("000.00.50.H55-000000-0001", "accept", as: "centre")
        XCTAssertEqual(unknown.status, 404)
        // Parameters of a dossier one cannot see are not even looked at.
        XCTAssertEqual(try act(code, "refuse", as: "health.specialist").status, 404)
    }

    func testVisibleDossierWhoseActionIsNotTheCallersIs403() throws {
        let code = try receiveAtCounter()
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        // complete is the leader's (API.md); the specialist and the province office see it but may not.
        for name in ["justice.specialist", "monitor", "centre"] {
            let reply = try act(code, "complete", ["result": ["summary": "X"]], as: name)
            XCTAssertEqual(reply.status, 403, "\(name): \(reply.text)")
            XCTAssertEqual(reply.errorCode, "forbidden")
        }
        let online = try submitOnline()
        let selfAccept = try act(online, "accept", as: "citizen")
        XCTAssertEqual(selfAccept.status, 403)
        XCTAssertEqual(try storedEvents(code).count, 2)
    }

    func testMissingOrInvalidParametersAre422WithVietnameseFieldMessages() throws {
        let code = try receiveAtCounter()
        let online = try submitOnline()
        let cases: [(String, String, [String: Any], String, Set<String>)] = [
            (online, "refuse", [:], "centre", ["reason"]),
            (online, "request_supplement", ["missing": []], "centre", ["missing"]),
            (online, "request_supplement", ["missing": [""]], "centre", ["missing"]),
            (online, "withdraw", ["reason": "  "], "citizen", ["reason"]),
            (code, "assign", [:], "centre", ["user_id"]),
            (code, "assign", ["user_id": "7"], "centre", ["user_id"]),
            (code, "apologize", ["new_due_at": "ngày mai"], "centre", ["new_due_at", "reason"]),
        ]
        for (target, action, parameters, name, fields) in cases {
            let reply = try act(target, action, parameters, as: name)
            XCTAssertEqual(reply.status, 422, "\(action) \(parameters): \(reply.text)")
            XCTAssertEqual(reply.errorCode, "validation_failed")
            XCTAssertEqual(Set(reply.fieldErrors.keys), fields, "\(action) \(parameters)")
        }
        XCTAssertEqual(try act(online, "refuse", [:], as: "centre").fieldErrors["reason"], "Vui lòng nhập lý do từ chối.")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let noResult = try act(code, "complete", [:], as: "justice.leader")
        XCTAssertEqual(Set(noResult.fieldErrors.keys), ["result.summary"])
        let unknownAction = try act(code, "approve", as: "centre")
        XCTAssertEqual(unknownAction.status, 422)
        XCTAssertNotNil(unknownAction.fieldErrors["action"])
        XCTAssertEqual(try storedEvents(code).map(\.action), ["receive", "assign"])
    }

    func testDeliverNeedsAKnownChannel() throws {
        let code = try receiveAtCounter()
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        try expectOK(code, "complete", ["result": ["summary": "Xong"]], as: "justice.leader")
        let reply = try act(code, "deliver", ["via": "fax"], as: "centre")
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldErrors.keys), ["via"])
    }

    func testSupplementRequestMayNameOnlyPublishedDocuments_ND61_D15_3() throws {
        let code = try submitOnline()
        let published = try publishedDocuments()
        let reply = try act(code, "request_supplement", ["missing": [published[0], "Giấy xác nhận tùy ý"]], as: "centre")
        XCTAssertEqual(reply.status, 422, reply.text)
        XCTAssertTrue(reply.fieldErrors["missing"]?.contains("\"Giấy xác nhận tùy ý\"") == true, reply.text)
        XCTAssertEqual(try storedEvents(code).count, 1)
    }

    func testSupplementRequestAtIntakeIsMadeOnlyOnceListingEverything_ND61_D15_3() throws {
        let code = try submitOnline()
        let published = try publishedDocuments()
        try expectOK(code, "request_supplement", ["missing": [published[0]]], as: "centre")
        try expectOK(code, "supplement", as: "citizen")
        let second = try act(code, "request_supplement", ["missing": [published[0]]], as: "centre")
        XCTAssertEqual(second.status, 409, second.text)
        XCTAssertEqual(second.errorCode, "conflict")
        // The officer can still accept or refuse.
        try expectOK(code, "accept", as: "centre")
    }

    func testSupplementRequestDuringProcessingIsMadeOnlyOnce_ND61_D19_4() throws {
        let code = try receiveAtCounter()
        let published = try publishedDocuments()
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        try expectOK(code, "request_supplement", ["missing": published], as: "justice.specialist")
        try expectOK(code, "supplement", as: "centre")
        let second = try act(code, "request_supplement", ["missing": [published[0]]], as: "justice.leader")
        XCTAssertEqual(second.status, 409, second.text)
        XCTAssertEqual(second.errorCode, "conflict")
    }

    func testAssignAndForwardOnlyToActiveStaffOfTheRightAgency() throws {
        let code = try receiveAtCounter()
        for name in ["health.specialist", "citizen", "monitor"] {
            let reply = try act(code, "assign", ["user_id": try userID(name)], as: "centre")
            XCTAssertEqual(reply.status, 422, "\(name): \(reply.text)")
            XCTAssertNotNil(reply.fieldErrors["user_id"])
        }
        XCTAssertEqual(try act(code, "assign", ["user_id": 999_999], as: "centre").status, 422)
        try application.context.database.write { connection in
            try connection.run("UPDATE users SET is_active = 0 WHERE id = ?", [SQLiteValue(try self.userID("justice.specialist2"))])
        }
        XCTAssertEqual(try act(code, "assign", ["user_id": try userID("justice.specialist2")], as: "centre").status, 422)
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        // forward stays within the agency holding the dossier (Sở Tư pháp now).
        let out = try act(code, "forward", ["user_id": try userID("centre2")], as: "justice.specialist")
        XCTAssertEqual(out.status, 422, out.text)
    }

    func testTransferNeedsAnotherExistingAgency() throws {
        let code = try receiveAtCounter()
        let justice = try agencyID(named: "Sở Tư pháp")
        try expectOK(code, "assign", ["user_id": try userID("justice.leader")], as: "centre")
        let same = try act(code, "transfer", ["agency_id": justice], as: "justice.leader")
        XCTAssertEqual(same.status, 422, same.text)
        XCTAssertNotNil(same.fieldErrors["agency_id"])
        let unknown = try act(code, "transfer", ["agency_id": 987_654], as: "justice.leader")
        XCTAssertEqual(unknown.status, 422)
        let missing = try act(code, "transfer", [:], as: "justice.leader")
        XCTAssertEqual(Set(missing.fieldErrors.keys), ["agency_id"])
    }

    func testRefusedActionChangesNothingAndQueuesNoNotice() throws {
        let code = try submitOnline()
        let before = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        // Valid up to the last check (an unpublished document): nothing may be left behind.
        let refused = try act(code, "request_supplement", ["missing": ["Không có trong danh mục"]], as: "centre")
        XCTAssertEqual(refused.status, 422)
        let after = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual(after.json["version"] as? Int, before.json["version"] as? Int)
        XCTAssertEqual(after.json["status"] as? String, "submitted")
        XCTAssertEqual(try storedEvents(code).count, 1)
        XCTAssertTrue(try notices(code).isEmpty)
    }

    func testMalformedIfMatchIs400AndUnauthenticatedIs401() throws {
        let code = try receiveAtCounter()
        let malformed = try act(code, "withdraw", ["reason": "x"], as: "centre", headers: ["If-Match": "W/\"v1\""])
        XCTAssertEqual(malformed.status, 400)
        XCTAssertEqual(malformed.errorCode, "bad_request")
        let anonymous = try call("POST", "/api/v1/dossiers/\(code)/actions", json: ["action": "withdraw", "reason": "x"])
        XCTAssertEqual(anonymous.status, 401)
    }
}
