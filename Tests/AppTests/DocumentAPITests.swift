import Foundation
import HTTP
import Hashing
import Storage
import TestSupport
import XCTest
@testable import App

/// Dossier documents over real sockets (API.md "Dossiers": documents; issue 3 item 5):
/// content-addressed storage, type by magic bytes, size limits, all-or-nothing, visibility.
final class DocumentAPITests: AppTestCase {
    static func sha256(_ bytes: [UInt8]) -> String {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return Hex.encode(hasher.finalize())
    }

    func testUploadStoresFilesUnderTheirSHA256AndListsThemOnTheDossier() throws {
        let code = try receivedDossier()
        let reply = try upload([Self.file("đơn đề nghị.pdf", Self.samplePDF), Self.file("ảnh.png", Self.samplePNG)],
                               to: code, token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text)
        let items = try XCTUnwrap(reply.json["items"] as? [[String: Any]])
        XCTAssertEqual(items.map { $0["name"] as? String }, ["đơn đề nghị.pdf", "ảnh.png"])
        XCTAssertEqual(items.map { $0["content_type"] as? String }, ["application/pdf", "image/png"])
        XCTAssertEqual(items.map { $0["size"] as? Int }, [Self.samplePDF.count, Self.samplePNG.count])
        let pdfHash = Self.sha256(Self.samplePDF)
        XCTAssertEqual(items.first?["sha256"] as? String, pdfHash)
        let stored = try Data(contentsOf: URL(fileURLWithPath: documentsRoot + "/" + pdfHash.prefix(2) + "/" + pdfHash.dropFirst(2)))
        XCTAssertEqual(Array(stored), Self.samplePDF)

        let dossier = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
        let listed = try XCTUnwrap(dossier.json["documents"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["id"] as? Int }, items.map { $0["id"] as? Int })
        let count = try application.database.read {
            try $0.queryOne("SELECT document_count FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.int("document_count")
        }
        XCTAssertEqual(count, 2)
    }

    /// An upload whose write fails after its files reached the store takes them back out
    /// before it answers.
    func testARefusedUploadLeavesNoFileBehind() throws {
        let code = try receivedDossier()
        let before = try storedFiles()
        try refuseDocuments(named: "hong.png")
        let reply = try upload([Self.file("hong.png", Self.samplePNG + Array("tải lên hỏng".utf8))], to: code,
                               token: try token("centre"))
        XCTAssertEqual(reply.status, 500, reply.text)
        XCTAssertEqual(try storedFiles(), before)
        XCTAssertEqual(try count("documents"), 0)
    }

    func testDownloadSendsTheBytesAsAnAttachmentWithTheUTF8Name() throws {
        let code = try receivedDossier()
        let reply = try upload([Self.file("Giấy tờ số 1.pdf", Self.samplePDF)], to: code, token: try token("centre"))
        let id = try XCTUnwrap((reply.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
        let file = try call("GET", "/api/v1/documents/\(id)", token: try token("justice.specialist"))
        XCTAssertEqual(file.status, 200)
        XCTAssertEqual(file.body, Self.samplePDF)
        XCTAssertEqual(file.headers["Content-Type"], "application/pdf")
        XCTAssertEqual(file.headers["Content-Length"], String(Self.samplePDF.count))
        XCTAssertEqual(file.headers["X-Content-Type-Options"], "nosniff")
        // RFC 5987: UTF-8 bytes of "ấ" (E1 BA A5), "ờ" (E1 BB 9D), "ố" (E1 BB 91) and spaces encoded.
        XCTAssertEqual(file.headers["Content-Disposition"],
                       "attachment; filename=\"Gi_y t_ s_ 1.pdf\"; filename*=UTF-8''Gi%E1%BA%A5y%20t%E1%BB%9D%20s%E1%BB%91%201.pdf")
    }

    /// Idempotency-Key (migration 0009): a retried upload adds nothing; the key stands for its
    /// dossier and its files.
    func testARetriedUploadWithItsKeyAddsNothingAndTheKeyCannotServeOtherFiles() throws {
        let code = try receivedDossier()
        let token = try token("centre")
        let key = ["Idempotency-Key": "\"up-1\""]
        let files = [Self.file("don.pdf", Self.samplePDF), Self.file("anh.png", Self.samplePNG)]
        let first = try upload(files, to: code, token: token, headers: key)
        XCTAssertEqual(first.status, 201, first.text)
        let ids = (first.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }
        XCTAssertEqual(ids?.count, 2)
        let again = try upload(files, to: code, token: token, headers: key)
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual((again.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, ids)
        XCTAssertEqual(try count("documents"), 2)
        XCTAssertEqual(try application.database.read {
            try $0.queryOne("SELECT document_count FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.int("document_count")
        }, 2)

        let other = try upload([Self.file("don.pdf", Self.samplePDF)], to: code, token: token, headers: key)
        XCTAssertEqual(other.status, 422, other.text)
        XCTAssertNotNil(other.fieldErrors["Idempotency-Key"])
        let elsewhere = try upload(files, to: try receivedDossier(idNumber: "051190009999"), token: token, headers: key)
        XCTAssertEqual(elsewhere.status, 422, elsewhere.text)
        XCTAssertEqual(try upload(files, to: code, token: token, headers: ["Idempotency-Key": "a b"]).status, 400)
        XCTAssertEqual(try count("documents"), 2)
        // Without a key the same files are added again, as before.
        XCTAssertEqual(try upload(files, to: code, token: token).status, 201)
        XCTAssertEqual(try count("documents"), 4)
    }

    func testARetryAfterTheDossierFinishedStillGetsItsDocumentsButNothingNewIsAdded() throws {
        let code = try receivedDossier()
        let token = try token("centre")
        let files = [Self.file("don.pdf", Self.samplePDF)]
        let first = try upload(files, to: code, token: token, headers: ["Idempotency-Key": "up-3"])
        XCTAssertEqual(first.status, 201, first.text)
        try setStatus("returned", of: code)
        let retry = try upload(files, to: code, token: token, headers: ["Idempotency-Key": "up-3"])
        XCTAssertEqual(retry.status, 201, retry.text)
        XCTAssertEqual((retry.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int },
                       (first.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int })
        for key in [["Idempotency-Key": "up-4"], [:]] {
            let fresh = try upload([Self.file("anh.png", Self.samplePNG)], to: code, token: token, headers: key)
            XCTAssertEqual(fresh.status, 409, fresh.text)
            XCTAssertEqual(fresh.errorCode, "conflict")
        }
        XCTAssertEqual(try count("documents"), 1)
    }

    func testConcurrentRetriesOfAKeyedUploadAddTheFilesOnce() throws {
        let code = try receivedDossier()
        let token = try token("centre")
        let (type, body) = Self.multipart([Self.file("don.pdf", Self.samplePDF), Self.file("anh.png", Self.samplePNG)])
        let port = self.port
        let answers = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let reply = try? Self.request(port: port, "POST", "/api/v1/dossiers/\(code)/documents", body: body, contentType: type,
                                          token: token, headers: ["Idempotency-Key": "up-2"])
            let ids = (reply?.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } ?? []
            answers.withLock { $0.append("\(reply?.status ?? 0) \(ids)") }
        }
        let distinct = Set(answers.withLock { $0 })
        XCTAssertEqual(distinct.count, 1, "\(distinct)")
        XCTAssertTrue(distinct.first?.hasPrefix("201 ") ?? false, "\(distinct)")
        XCTAssertEqual(try count("documents"), 2)
    }

    func testSameContentIsStoredOnce() throws {
        let code = try receivedDossier()
        let first = try upload([Self.file("a.pdf", Self.samplePDF), Self.file("b.pdf", Self.samplePDF)], to: code, token: try token("centre"))
        XCTAssertEqual(first.status, 201, first.text)
        let second = try upload([Self.file("c.pdf", Self.samplePDF)], to: try receivedDossier(), token: try token("centre"))
        XCTAssertEqual(second.status, 201, second.text)
        XCTAssertEqual(try count("documents"), 3)
        let hash = Self.sha256(Self.samplePDF)
        XCTAssertEqual(try storedFiles(), [hash])
    }

    func testTypeIsCheckedByContentNotByNameAndTheWholeRequestIsRefusedWith415() throws {
        let code = try receivedDossier()
        let fake = Array("MZ this is a program, not a PDF".utf8)
        let reply = try upload([Self.file("tot.jpg", Self.sampleJPEG), Self.file("hop-dong.pdf", fake, type: "application/pdf")],
                               to: code, token: try token("centre"))
        XCTAssertEqual(reply.status, 415, reply.text)
        XCTAssertEqual(reply.errorCode, "unsupported_media_type")
        XCTAssertTrue(((reply.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("hop-dong.pdf"))
        XCTAssertEqual(try count("documents"), 0)
        XCTAssertEqual(try storedFiles(), [])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: documentsRoot + "/incoming"), [])
        // A JPEG declared as a PDF is stored as what it is.
        let jpeg = try upload([Self.file("scan.pdf", Self.sampleJPEG, type: "application/pdf")], to: code, token: try token("centre"))
        XCTAssertEqual((jpeg.json["items"] as? [[String: Any]])?.first?["content_type"] as? String, "image/jpeg")
    }

    func testFileOverTenMiBIsRefusedWith413AndNothingIsWritten() throws {
        let code = try receivedDossier()
        let big = Self.samplePDF + [UInt8](repeating: 0x20, count: 10 * 1024 * 1024 + 1 - Self.samplePDF.count + 1)
        let reply = try upload([Self.file("nho.png", Self.samplePNG), Self.file("lon.pdf", big)], to: code, token: try token("centre"))
        XCTAssertEqual(reply.status, 413, reply.text)
        XCTAssertEqual(reply.errorCode, "payload_too_large")
        XCTAssertTrue(((reply.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("lon.pdf"))
        XCTAssertEqual(try count("documents"), 0)
        XCTAssertEqual(try storedFiles(), [])
    }

    func testDossierTotalOverFiftyMiBIsRefusedWith413() throws {
        let code = try receivedDossier()
        // 49 MiB already attached (a row is enough: the limit is checked on the recorded sizes).
        try application.database.write { connection in
            try connection.run("""
                INSERT INTO documents (dossier_id, name, content_type, size, sha256, uploaded_at)
                SELECT id, 'cu.pdf', 'application/pdf', ?, ?, submitted_at FROM dossiers WHERE code = ?
                """, [SQLiteValue(49 * 1024 * 1024), SQLiteValue(String(repeating: "a", count: 64)), SQLiteValue(code)])
        }
        let twoMiB = Self.samplePDF + [UInt8](repeating: 0x20, count: 2 * 1024 * 1024)
        let reply = try upload([Self.file("them.pdf", twoMiB)], to: code, token: try token("centre"))
        XCTAssertEqual(reply.status, 413, reply.text)
        XCTAssertEqual(reply.errorCode, "payload_too_large")
        XCTAssertEqual(try count("documents"), 1)
        // Under the total it goes through.
        XCTAssertEqual(try upload([Self.file("nho.pdf", Self.samplePDF)], to: code, token: try token("centre")).status, 201)
    }

    func testContentLengthOverTheRouteLimitIsRefusedBeforeTheBodyIsSent() throws {
        let code = try receivedDossier()
        let client = try RawHTTPClient(port: port)
        try client.send("POST /api/v1/dossiers/\(code)/documents HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(try token("centre"))\r\n"
                        + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: \(25 * 1024 * 1024 + 1)\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertTrue(try client.isClosedByPeer())
    }

    func testOnlyThoseWhoSeeTheDossierMayUploadOrDownload() throws {
        let code = try receivedDossier()
        let stored = try upload([Self.file("a.pdf", Self.samplePDF)], to: code, token: try token("centre"))
        let id = try XCTUnwrap((stored.json["items"] as? [[String: Any]])?.first?["id"] as? Int)
        XCTAssertEqual(try upload([Self.file("b.pdf", Self.samplePDF)], to: code, token: try token("citizen")).status, 404)
        XCTAssertEqual(try upload([Self.file("b.pdf", Self.samplePDF)], to: code, token: try token("health.specialist")).status, 404)
        XCTAssertEqual(try upload([Self.file("b.pdf", Self.samplePDF)], to: code, token: try token("monitor")).status, 403)
        XCTAssertEqual(try upload([Self.file("b.pdf", Self.samplePDF)], to: code, token: nil).status, 401)
        XCTAssertEqual(try upload([Self.file("b.pdf", Self.samplePDF)], to: code, token: try token("justice.specialist")).status, 201)
        XCTAssertEqual(try call("GET", "/api/v1/documents/\(id)", token: try token("citizen")).status, 404)
        XCTAssertEqual(try call("GET", "/api/v1/documents/\(id)", token: try token("health.specialist")).status, 404)
        XCTAssertEqual(try call("GET", "/api/v1/documents/\(id)", token: try token("monitor")).status, 200)
        XCTAssertEqual(try call("GET", "/api/v1/documents/999999", token: try token("monitor")).status, 404)
    }

    func testTheApplicantUploadsToTheirOwnDossierAndNobodyToAFinishedOne() throws {
        let code = try onlineDossier()
        XCTAssertEqual(try upload([Self.file("cccd.jpg", Self.sampleJPEG)], to: code, token: try token("citizen")).status, 201)
        XCTAssertEqual(try upload([Self.file("cccd.jpg", Self.sampleJPEG)], to: code, token: try token("citizen2")).status, 404)
        try setStatus("withdrawn", of: code)
        let late = try upload([Self.file("muon.jpg", Self.sampleJPEG)], to: code, token: try token("citizen"))
        XCTAssertEqual(late.status, 409)
        XCTAssertEqual(late.errorCode, "conflict")
        XCTAssertEqual(try count("documents"), 1)
    }

    func testUploadWithoutAnyFileIsRejectedWith422() throws {
        let reply = try upload([FormPart(name: "note", bytes: Array("x".utf8))], to: try receivedDossier(), token: try token("centre"))
        XCTAssertEqual(reply.status, 422)
        XCTAssertNotNil(reply.fieldErrors["documents"])
    }
}
