import Foundation
import HTTP
import XCTest
@testable import App
@testable import Domain

/// The intake and read paths of the dossier API over real sockets (API.md "Dossiers").
final class DossierAPITests: AppTestCase {
    func testCounterIntakeIsReceivedWithCodeAndDueDateAndReadsBack() throws {
        let token = try token("centre")
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token)
        XCTAssertEqual(reply.status, 201, reply.text)
        let code = try XCTUnwrap(reply.json["code"] as? String)
        // TT 01/2018 Đ19: <agency identifier>-<YYMMDD>-<NNNN>, the centre's identifier.
        let today = VietnamTime.localDate(Date())
        XCTAssertEqual(code, "000.00.50.H55-\(DossierCode.dayKey(today))-0001")
        XCTAssertEqual(reply.json["status"] as? String, "received")
        XCTAssertEqual(reply.headers["Location"], "/api/v1/dossiers/\(code)")
        let receivedAt = try XCTUnwrap((reply.json["received_at"] as? String).flatMap(VietnamTime.parse))
        let dueAt = try XCTUnwrap((reply.json["due_at"] as? String).flatMap(VietnamTime.parse))
        let calendar = application.context.calendar
        XCTAssertEqual(dueAt, calendar.dueDate(receivedAt: receivedAt, limit: TimeLimit(value: 10, unit: .workingDays)).due)
        XCTAssertEqual(reply.json["original_due_at"] as? String, reply.json["due_at"] as? String)

        let read = try call("GET", "/api/v1/dossiers/\(code)", token: token)
        XCTAssertEqual(read.status, 200, read.text)
        XCTAssertEqual(read.json["code"] as? String, code)
        XCTAssertEqual(read.json["procedure_code"] as? String, Self.procedureCode)
        XCTAssertEqual((read.json["applicant"] as? [String: Any])?["full_name"] as? String, "Nguyễn Thị Ánh")
        XCTAssertEqual(read.json["timing"] as? String, "within")
        let events = try XCTUnwrap(read.json["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?["action"] as? String, "receive")
        XCTAssertEqual(events.first?["to_status"] as? String, "received")
    }

    func testDailySequenceIsGapFreePerDesk() throws {
        let token = try token("centre")
        var sequences: [String] = []
        for _ in 0..<3 {
            let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token)
            XCTAssertEqual(reply.status, 201, reply.text)
            sequences.append(String((reply.json["code"] as? String ?? "").suffix(4)))
        }
        XCTAssertEqual(sequences, ["0001", "0002", "0003"])
    }

    func testConcurrentIntakesAllGetDistinctConsecutiveCodes() throws {
        let token = try token("centre")
        let codes = Locked<[String]>([])
        let port = self.port
        let body = Array(try JSONSerialization.data(withJSONObject: counterIntake()))
        DispatchQueue.concurrentPerform(iterations: 24) { _ in
            if let reply = try? Self.request(port: port, "POST", "/api/v1/dossiers", body: body, token: token), reply.status == 201,
               let code = reply.json["code"] as? String {
                codes.withLock { $0.append(code) }
            }
        }
        let sequences = codes.withLock { $0 }.map { Int($0.suffix(4)) ?? 0 }.sorted()
        XCTAssertEqual(sequences, Array(1...24))
    }

    func testMalformedJSONIsBadRequest() throws {
        let reply = try call("POST", "/api/v1/dossiers", rawBody: Array(#"{"procedure_code": "x", "#.utf8), token: try token("centre"))
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(reply.errorCode, "bad_request")
        XCTAssertFalse(((reply.json["error"] as? [String: Any])?["message"] as? String ?? "").isEmpty)
    }

    func testMissingFieldsAreListedWithVietnameseMessages() throws {
        var body = counterIntake()
        body.removeValue(forKey: "procedure_code")
        body["applicant"] = ["full_name": "Trần Văn B", "phone": "12"]
        let reply = try call("POST", "/api/v1/dossiers", json: body, token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(reply.errorCode, "validation_failed")
        XCTAssertEqual(Set(reply.fieldErrors.keys), ["procedure_code", "applicant.id_number", "applicant.phone"])
        XCTAssertEqual(reply.fieldErrors["procedure_code"], "Vui lòng nhập mã thủ tục.")
    }

    func testImplausibleIdNumberIsRejected() throws {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "999190001234"), token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["applicant.id_number"])
    }

    func testIntakeRefusesMalformedNumbersButLeavesBirthYearsToTheCard() throws {
        let token = try token("centre")
        for bad in ["05119000123", "05119000123X", "000190001234"] {
            let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: bad), token: token)
            XCTAssertEqual(reply.status, 422, bad)
            XCTAssertNotNil(reply.fieldErrors["applicant.id_number"], bad)
        }
        // Century code 7 reads as a birth in the 2200s: not refused at the counter (docs/API.md).
        XCTAssertEqual(try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "051790001234"), token: token).status, 201)
    }

    func testUnknownProcedureIsValidationFailed() throws {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "9.999999"), token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["procedure_code"])
    }

    func testUnknownProcedureIsReportedWithTheFormsOtherProblemsAtOnce() throws {
        let reply = try call("POST", "/api/v1/dossiers", json: ["procedure_code": "9.999999", "channel": "counter"],
                             token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(reply.fieldErrors["procedure_code"], "Không tìm thấy thủ tục có mã 9.999999.")
        XCTAssertEqual(reply.fieldErrors["applicant"], "Vui lòng nhập thông tin người nộp hồ sơ.")
    }

    func testDeskOutsideItsScopeCannotReceive() throws {
        // A commune desk cannot receive a department's procedure.
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("commune"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["procedure_code"])
    }

    func testCommuneDeskReceivesCommuneProcedureForItself() throws {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "1.001193"), token: try token("commune"))
        XCTAssertEqual(reply.status, 201, reply.text)
        let commune = try XCTUnwrap(users["commune"]?.agencyID)
        XCTAssertEqual(reply.json["agency_id"] as? Int, commune)
    }

    func testNonJSONBodyIsUnsupportedMediaType() throws {
        let reply = try call("POST", "/api/v1/dossiers", rawBody: Array("a=b".utf8),
                             contentType: "application/x-www-form-urlencoded", token: try token("centre"))
        XCTAssertEqual(reply.status, 415)
        XCTAssertEqual(reply.errorCode, "unsupported_media_type")
    }

    func testCitizenSubmitsOnlineOnly() throws {
        let token = try token("citizen")
        let counter = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token)
        XCTAssertEqual(counter.status, 422)
        XCTAssertNotNil(counter.fieldErrors["channel"])
        let online = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: token)
        XCTAssertEqual(online.status, 201, online.text)
        XCTAssertEqual(online.json["status"] as? String, "submitted")
        XCTAssertTrue(online.json["received_at"] is NSNull)
        XCTAssertTrue(online.json["due_at"] is NSNull)
    }

    func testUnauthenticatedAndUnknownTokenAre401() throws {
        let anonymous = try call("POST", "/api/v1/dossiers", json: counterIntake())
        XCTAssertEqual(anonymous.status, 401)
        XCTAssertEqual(anonymous.errorCode, "unauthenticated")
        let forged = try call("GET", "/api/v1/dossiers/abc", token: "not-a-real-token")
        XCTAssertEqual(forged.status, 401)
    }

    func testUnknownDossierIsNotFoundJSON() throws {
        let reply = try call("GET", "/api/v1/dossiers/QNG-0-0", token: try token("centre"))
        XCTAssertEqual(reply.status, 404)
        XCTAssertEqual(reply.errorCode, "not_found")
        XCTAssertTrue(reply.headers["Content-Type"]?.hasPrefix("application/json") == true)
    }

    func testDossierIsHiddenFromOtherAgenciesAndOtherCitizens() throws {
        let created = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"))
        let code = try XCTUnwrap(created.json["code"] as? String)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("health.specialist")).status, 404)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("commune")).status, 404)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("citizen")).status, 404)
        // The responsible department (Sở Tư pháp) and the province office see it.
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("justice.specialist")).status, 200)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", token: try token("monitor")).status, 200)

        let online = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: try token("citizen"))
        let mine = try XCTUnwrap(online.json["code"] as? String)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(mine)", token: try token("citizen")).status, 200)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(mine)", token: try token("citizen2")).status, 404)
    }
}
