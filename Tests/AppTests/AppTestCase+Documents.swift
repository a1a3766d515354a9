import Foundation
import Storage
import XCTest
@testable import App

/// Helpers for the document, tracking, rating and feedback tests: sample files of each
/// accepted type, multipart bodies, and direct status changes (the actions endpoint is
/// another helper's work).
extension AppTestCase {
    /// One part of a multipart body.
    struct FormPart {
        var name: String
        var filename: String?
        var contentType: String?
        var bytes: [UInt8]
    }

    static let boundary = "----motcua-test-boundary-7MA4YWxkTrZu0gW"

    /// A `multipart/form-data` body (RFC 7578) with its Content-Type.
    static func multipart(_ parts: [FormPart]) -> (contentType: String, body: [UInt8]) {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            body += Array((head + "\r\n").utf8) + part.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    static func file(_ filename: String, _ bytes: [UInt8], type: String = "application/octet-stream") -> FormPart {
        FormPart(name: "documents", filename: filename, contentType: type, bytes: bytes)
    }

    static let samplePDF = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let samplePNG: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR-test".utf8)
    static let sampleJPEG: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF-test".utf8) + [0xFF, 0xD9]

    /// Uploads `parts` to the dossier `code`.
    func upload(_ parts: [FormPart], to code: String, token: String?, headers: [String: String] = [:]) throws -> Reply {
        let (type, body) = Self.multipart(parts)
        return try call("POST", "/api/v1/dossiers/\(code)/documents", rawBody: body, contentType: type, token: token,
                        headers: headers)
    }

    /// Receives a dossier at the centre counter and returns its code.
    func receivedDossier(idNumber: String = "051190001234", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(idNumber: idNumber), token: try token("centre"))
        XCTAssertEqual(reply.status, 201, reply.text, file: file, line: line)
        return try XCTUnwrap(reply.json["code"] as? String, file: file, line: line)
    }

    /// Submits a dossier online as the demo citizen and returns its code.
    func onlineDossier(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let reply = try call("POST", "/api/v1/dossiers", json: counterIntake(channel: "online"), token: try token("citizen"))
        XCTAssertEqual(reply.status, 201, reply.text, file: file, line: line)
        return try XCTUnwrap(reply.json["code"] as? String, file: file, line: line)
    }

    /// Sets a dossier's status directly in the database (finished statuses get `finished_at`).
    func setStatus(_ status: String, of code: String) throws {
        try application.database.write { connection in
            try connection.run("UPDATE dossiers SET status = ?, finished_at = CASE WHEN ? IN ('returned', 'refused', 'withdrawn') THEN received_at ELSE finished_at END WHERE code = ?",
                               [SQLiteValue(status), SQLiteValue(status), SQLiteValue(code)])
        }
    }

    /// A whole-table count, for "nothing was written" checks.
    func count(_ table: String) throws -> Int {
        try application.database.read { try $0.queryOne("SELECT COUNT(*) AS n FROM \(table)")?.int("n") ?? -1 }
    }

    /// The document store's root in this test's directory.
    var documentsRoot: String { directory.appendingPathComponent("documents").path }

    /// Content files in the store (the two-hex-digit folders), excluding the incoming folder.
    func storedFiles() throws -> [String] {
        let manager = FileManager.default
        return try manager.contentsOfDirectory(atPath: documentsRoot).filter { $0 != "incoming" }.flatMap { folder in
            try manager.contentsOfDirectory(atPath: documentsRoot + "/" + folder).map { folder + $0 }
        }.sorted()
    }

    /// Makes the database refuse any document row named `name`, so that a write fails after
    /// its files reached the store.
    func refuseDocuments(named name: String) throws {
        try application.database.write { connection in
            try connection.run("""
                CREATE TRIGGER test_refuse_document BEFORE INSERT ON documents WHEN NEW.name = '\(name)'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
    }

    /// Waits up to 10 s for `condition`; returns whether it held.
    func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try condition()
    }
}

/// A dossier's packed copies (`dossiers.history`, `dossiers.document_list`) as stored, and the
/// rows they copy, for the tests of those copies.
extension AppTestCase {
    /// `column` of the dossier `code` (nil when NULL).
    func storedBlob(_ column: String, of code: String) throws -> [UInt8]? {
        try application.context.database.read { connection in
            try connection.queryOne("SELECT \(column) FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.optionalBlob(column)
        }
    }

    /// Sets `column` of the dossier `code`, as damage or an older database would leave it.
    func setStoredValue(_ column: String, of code: String, to value: SQLiteValue) throws {
        try application.context.database.write { connection in
            try connection.run("UPDATE dossiers SET \(column) = ? WHERE code = ?", [value, SQLiteValue(code)])
        }
    }

    /// `rows(id, connection)` for the dossier `code`, in one read.
    func rows<T>(of code: String, _ rows: (Int, Connection) throws -> T) throws -> T {
        try application.context.database.read { connection in
            let id = try XCTUnwrap(try connection.queryOne("SELECT id FROM dossiers WHERE code = ?", [SQLiteValue(code)])?.int("id"))
            return try rows(id, connection)
        }
    }
}
