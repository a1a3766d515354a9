import Foundation
import Hashing
import XCTest
@testable import App

/// `POST /api/v1/dossiers` as multipart/form-data (API.md): the JSON form in part `dossier`,
/// files in parts `documents`, validated exactly as the JSON form and written in one
/// transaction with the dossier.
final class MultipartIntakeTests: AppTestCase {
    func intake(_ dossier: [String: Any], files: [FormPart], token: String, headers: [String: String] = [:]) throws -> Reply {
        let json = try JSONSerialization.data(withJSONObject: dossier)
        let (type, body) = Self.multipart([FormPart(name: "dossier", contentType: "application/json", bytes: Array(json))] + files)
        return try call("POST", "/api/v1/dossiers", rawBody: body, contentType: type, token: token, headers: headers)
    }

    /// Idempotency-Key (IntakeIdempotencyTests): the files are part of what a key stands for.
    func testARetriedMultipartIntakeKeepsOneDossierAndAnotherFileUnderTheSameKeyIsRefused() throws {
        let token = try token("centre")
        let key = ["Idempotency-Key": "mp-1"]
        let first = try intake(counterIntake(), files: [Self.file("don.pdf", Self.samplePDF)], token: token, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let filesAfterFirst = try storedFiles()
        let again = try intake(counterIntake(), files: [Self.file("don.pdf", Self.samplePDF)], token: token, headers: key)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.json["code"] as? String, first.json["code"] as? String)
        XCTAssertEqual((again.json["documents"] as? [[String: Any]])?.count, 1)
        let other = try intake(counterIntake(), files: [Self.file("anh.png", Self.samplePNG)], token: token, headers: key)
        XCTAssertEqual(other.status, 422, other.text)
        XCTAssertNotNil(other.fieldErrors["Idempotency-Key"])
        XCTAssertEqual(try count("dossiers"), 1)
        XCTAssertEqual(try count("documents"), 1)
        // Neither the retry nor the refused request left a file behind.
        XCTAssertEqual(try storedFiles(), filesAfterFirst)
    }

    /// A dossier write that fails after its files reached the store takes them back out,
    /// except a file another dossier's document names.
    func testAFailedIntakeLeavesNoFileBehindButKeepsOneInUse() throws {
        let token = try token("centre")
        let shared = Self.samplePDF + Array("dùng chung".utf8)
        let kept = try intake(counterIntake(), files: [Self.file("don.pdf", shared)], token: token)
        XCTAssertEqual(kept.status, 201, kept.text)
        let before = try storedFiles()
        try refuseDocuments(named: "hong.pdf")
        let own = Self.samplePDF + Array("chỉ của hồ sơ hỏng".utf8)
        let failed = try intake(counterIntake(idNumber: "051190007777"),
                                files: [Self.file("hong.pdf", own), Self.file("hong.pdf", shared)], token: token)
        XCTAssertEqual(failed.status, 500, failed.text)
        XCTAssertEqual(try count("dossiers"), 1)
        // The cleanup runs after the answer: the request's own file goes, the shared one stays.
        XCTAssertTrue(try eventually { try storedFiles() == before }, "left: \((try? storedFiles()) ?? [])")
        XCTAssertTrue(try storedFiles().contains(SHA256.hex(shared)))
    }

    func testMultipartIntakeCreatesTheDossierWithItsDocuments() throws {
        let reply = try intake(counterIntake(), files: [Self.file("don.pdf", Self.samplePDF), Self.file("anh.png", Self.samplePNG)],
                               token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text)
        XCTAssertEqual(reply.json["status"] as? String, "received")
        let documents = try XCTUnwrap(reply.json["documents"] as? [[String: Any]])
        XCTAssertEqual(documents.map { $0["name"] as? String }, ["don.pdf", "anh.png"])
        let code = try XCTUnwrap(reply.json["code"] as? String)
        let read = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        XCTAssertEqual((read.json["documents"] as? [[String: Any]])?.count, 2)
    }

    func testMultipartAndJSONFormsGiveTheSameValidationErrors() throws {
        var body = counterIntake()
        body.removeValue(forKey: "procedure_code")
        body["applicant"] = ["full_name": "Trần Văn B", "phone": "12"]
        let asJSON = try call("POST", "/api/v1/dossiers", json: body, token: try token("centre"))
        let asForm = try intake(body, files: [Self.file("don.pdf", Self.samplePDF)], token: try token("centre"))
        XCTAssertEqual(asForm.status, 422)
        XCTAssertEqual(asForm.fieldErrors, asJSON.fieldErrors)
        XCTAssertEqual(Set(asForm.fieldErrors.keys), ["procedure_code", "applicant.id_number", "applicant.phone"])
        XCTAssertEqual(try count("documents"), 0)
        XCTAssertEqual(try storedFiles(), [])
    }

    func testABadFileCreatesNoDossier() throws {
        let reply = try intake(counterIntake(), files: [Self.file("don.pdf", Array("<html>".utf8))], token: try token("centre"))
        XCTAssertEqual(reply.status, 415)
        XCTAssertEqual(try count("dossiers"), 0)
        XCTAssertEqual(try count("documents"), 0)
    }

    func testMultipartWithoutTheDossierPartIs422() throws {
        let (type, body) = Self.multipart([Self.file("don.pdf", Self.samplePDF)])
        let reply = try call("POST", "/api/v1/dossiers", rawBody: body, contentType: type, token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["dossier"])
        XCTAssertEqual(try count("dossiers"), 0)
    }

    func testJSONIntakeKeepsItsOneMiBLimitOnTheUploadRoute() throws {
        var body = counterIntake()
        body["note"] = String(repeating: "a", count: 1024 * 1024)
        let reply = try call("POST", "/api/v1/dossiers", json: body, token: try token("centre"))
        XCTAssertEqual(reply.status, 413)
        XCTAssertEqual(reply.errorCode, "payload_too_large")
    }
}
