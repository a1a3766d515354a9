import Foundation
import HTTP
import Storage
import XCTest
@testable import App
@testable import Domain

/// `Idempotency-Key` on `POST /api/v1/dossiers` (migration 0008): a retried intake gets the
/// dossier the first request created, never a second one.
final class IntakeIdempotencyTests: AppTestCase {
    func testRetryWithTheSameKeyAnswersTheSameDossier() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "\"7c1e2f0a-5b8d-4c47-9a0e-2d6f1b3c4e5a\""]
        let first = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let code = try XCTUnwrap(first.json["code"] as? String)
        let again = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.json["code"] as? String, code)
        XCTAssertEqual(again.headers["Location"], "/api/v1/dossiers/\(code)")
        XCTAssertEqual((again.json["events"] as? [[String: Any]])?.count, 1)
        XCTAssertEqual(try dossierCount(), 1)
        // The retry used no number of the desk's daily sequence.
        let next = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token)
        XCTAssertEqual(String((next.json["code"] as? String ?? "").suffix(4)), "0002", next.text)
    }

    func testTheRetryShowsTheDossierAsItIsNow() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "lan-1"]
        let code = try XCTUnwrap(try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key).json["code"] as? String)
        try application.context.database.write { connection in
            try connection.run("UPDATE dossiers SET note = 'đã kiểm tra' WHERE code = ?", [SQLiteValue(code)])
        }
        let again = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.json["note"] as? String, "đã kiểm tra")
    }

    func testSpacingAndFieldOrderOfTheJSONDoNotMakeANewRequest() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "k-2"]
        let compact = #"{"procedure_code":"\#(Self.procedureCode)","channel":"counter","applicant":{"full_name":"Nguyễn Thị Ánh","id_number":"051190001234","phone":"0905123456"}}"#
        let spaced = #"{ "applicant": { "phone": "0905123456", "id_number": "051190001234", "full_name": "  Nguyễn Thị Ánh " }, "channel": "counter", "procedure_code": "\#(Self.procedureCode)" }"#
        let first = try call("POST", "/api/v1/dossiers", rawBody: Array(compact.utf8), token: token, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let second = try call("POST", "/api/v1/dossiers", rawBody: Array(spaced.utf8), token: token, headers: key)
        XCTAssertEqual(second.status, 201, second.text)
        XCTAssertEqual(second.json["code"] as? String, first.json["code"] as? String)
        XCTAssertEqual(try dossierCount(), 1)
    }

    func testTheSameKeyForADifferentDossierIsRefusedAndCreatesNothing() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "k-3"]
        XCTAssertEqual(try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key).status, 201)
        let other = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "051190009999"), token: token, headers: key)
        XCTAssertEqual(other.status, 422, other.text)
        XCTAssertEqual(other.errorCode, "validation_failed")
        XCTAssertEqual(other.fieldErrors["Idempotency-Key"],
                       "Mã Idempotency-Key này đã được dùng cho một hồ sơ khác trong 24 giờ qua; vui lòng dùng mã mới cho hồ sơ mới.")
        XCTAssertEqual(try dossierCount(), 1)
    }

    func testKeysBelongToTheirUser() throws {
        let key = ["Idempotency-Key": "shared-key"]
        let centre = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: try token("centre"), headers: key)
        XCTAssertEqual(centre.status, 201, centre.text)
        // A commune procedure, which the commune's desk receives (DossierAPITests).
        let commune = try call("POST", "/api/v1/dossiers", json: counterIntake(procedure: "1.001193"), token: try token("commune"), headers: key)
        XCTAssertEqual(commune.status, 201, commune.text)
        XCTAssertNotEqual(commune.json["code"] as? String, centre.json["code"] as? String)
        XCTAssertEqual(try dossierCount(), 2)
    }

    func testConcurrentRetriesCreateOneDossier() throws {
        let token = try token("centre")
        let port = self.port
        let body = Array(try JSONSerialization.data(withJSONObject: counterIntake()))
        let codes = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            if let reply = try? Self.request(port: port, "POST", "/api/v1/dossiers", body: body, token: token,
                                             headers: ["Idempotency-Key": "dup"]) {
                codes.withLock { $0.append(reply.status == 201 ? reply.json["code"] as? String ?? "?" : "status \(reply.status)") }
            }
        }
        let answers = codes.withLock { $0 }
        XCTAssertEqual(answers.count, 16)
        XCTAssertEqual(Set(answers).count, 1, "\(answers)")
        XCTAssertEqual(try dossierCount(), 1)
    }

    func testAKeyOlderThan24HoursMayBeUsedAgain() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "k-old"]
        let first = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        try application.context.database.write { connection in
            try connection.run("UPDATE intake_keys SET created_at = ?",
                               [SQLiteValue(VietnamTime.format(Date().addingTimeInterval(-IdempotencyKey.lifetime - 60)))])
        }
        let later = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "051190009999"), token: token, headers: key)
        XCTAssertEqual(later.status, 201, later.text)
        let laterCode = try XCTUnwrap(later.json["code"] as? String)
        XCTAssertNotEqual(laterCode, first.json["code"] as? String)
        // The key now names the new dossier.
        let retry = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: "051190009999"), token: token, headers: key)
        XCTAssertEqual(retry.json["code"] as? String, laterCode, retry.text)
        XCTAssertEqual(try dossierCount(), 2)
    }

    func testMalformedKeysAreBadRequestsAndCreateNothing() throws {
        let token = try token("centre")
        for value in ["\"\"", "", String(repeating: "a", count: 256), "khóa", "\"abc", "\"a\\b\"", "a b", "\"abc\" x"] {
            let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: ["Idempotency-Key": value])
            XCTAssertEqual(reply.status, 400, "\(value): \(reply.text)")
            XCTAssertEqual(reply.errorCode, "bad_request", value)
        }
        XCTAssertEqual(try dossierCount(), 0)
    }

    func testTheQuotedAndTheBareFormAreTheSameKey() throws {
        XCTAssertEqual(IdempotencyKey.parse("\"abc-1\""), "abc-1")
        XCTAssertEqual(IdempotencyKey.parse(" abc-1\t"), "abc-1")
        XCTAssertEqual(IdempotencyKey.parse(#""a\"b\\c""#), #"a"b\c"#)
        XCTAssertEqual(IdempotencyKey.parse(String(repeating: "z", count: 255))?.count, 255)
        XCTAssertNil(IdempotencyKey.parse("\"ab\u{7F}\""))
        let token = try token("centre")
        let quoted = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: ["Idempotency-Key": "\"abc-1\""])
        let bare = try call("POST", "/api/v1/dossiers", json: counterIntake(), token: token, headers: ["Idempotency-Key": "abc-1"])
        XCTAssertEqual(bare.json["code"] as? String, quoted.json["code"] as? String)
        XCTAssertEqual(try dossierCount(), 1)
    }

    private func dossierCount() throws -> Int {
        try application.context.database.read { try $0.queryOne("SELECT count(*) AS n FROM dossiers")?.int("n") ?? -1 }
    }
}
