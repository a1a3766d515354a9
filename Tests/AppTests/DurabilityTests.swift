import Foundation
import HTTP
import TestSupport
import XCTest
@testable import App

/// An acknowledged dossier is never lost: the server process is killed with SIGKILL under
/// load, restarted, and every POST that was answered 201 reads back.
final class DurabilityTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-durability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)  // best effort cleanup
    }

    func seed() throws -> (database: String, token: String, procedure: String) {
        let database = directory.appendingPathComponent("motcua.sqlite").path
        let seeded = try ServerProcess.run(["seed-bench", "--db", database, "--dossiers", "20", "--write-bench-files"])
        XCTAssertEqual(seeded.status, 0, seeded.output)
        let token = try String(contentsOfFile: database + ".token", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let procedure = try String(contentsOfFile: database + ".procedure", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (database, token, procedure)
    }

    static func post(port: Int, token: String, procedure: String, index: Int) throws -> String? {
        let body = #"{"procedure_code":"\#(procedure)","channel":"counter","applicant":{"full_name":"Lê Văn Bền \#(index)","id_number":"051190001234","phone":"0905123456"}}"#
        let client = try RawHTTPClient(port: port, timeout: .seconds(10))
        try client.send("POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        let response = try client.readResponse()
        guard response.status == 201,
              let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return nil }
        return json["code"] as? String
    }

    func testEveryAcknowledgedDossierSurvivesSIGKILL() throws {
        let (database, token, procedure) = try seed()
        let server = try ServerProcess(database: database)
        let port = server.port
        let acknowledged = Locked<[String]>([])
        let group = DispatchGroup()
        for worker in 0..<8 {
            DispatchQueue.global().async(group: group) {
                var index = worker * 100_000
                // Posts until the server dies; only 201 answers count as acknowledged.
                while let code = try? Self.post(port: port, token: token, procedure: procedure, index: index) {
                    acknowledged.withLock { $0.append(code) }
                    index += 1
                }
            }
        }
        // Kill once a good number of writes have been acknowledged, while more are in flight.
        let deadline = Date().addingTimeInterval(60)
        while acknowledged.withLock({ $0.count }) < 300, Date() < deadline { usleep(10_000) }
        server.kill(SIGKILL)
        group.wait()
        _ = server.waitForExit()
        let codes = acknowledged.withLock { $0 }
        XCTAssertGreaterThanOrEqual(codes.count, 300)

        let restarted = try ServerProcess(database: database)
        defer {
            restarted.kill(SIGTERM)
            _ = restarted.waitForExit()
        }
        let client = try RawHTTPClient(port: restarted.port)
        var missing: [String] = []
        for code in codes {
            try client.send("GET /api/v1/dossiers/\(code) HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\r\n")
            if try client.readResponse().status != 200 { missing.append(code) }
        }
        XCTAssertEqual(missing, [], "acknowledged but lost after SIGKILL")
    }

    func testSIGTERMFinishesInFlightRequestsAndExitsCleanly() throws {
        let (database, token, procedure) = try seed()
        let server = try ServerProcess(database: database)
        let port = server.port
        let answered = Locked<Int>(0)
        let group = DispatchGroup()
        for worker in 0..<4 {
            DispatchQueue.global().async(group: group) {
                var index = worker * 1000
                while (try? Self.post(port: port, token: token, procedure: procedure, index: index)) != nil {
                    answered.withLock { $0 += 1 }
                    index += 1
                }
            }
        }
        while answered.withLock({ $0 }) < 20 { usleep(5_000) }
        let stopAt = Date()
        server.kill(SIGTERM)
        group.wait()
        let exit = server.waitForExit()
        XCTAssertEqual(exit.status, 0, exit.output)
        XCTAssertTrue(exit.output.contains("Đã dừng."), exit.output)
        XCTAssertLessThan(Date().timeIntervalSince(stopAt), 10)
    }
}
