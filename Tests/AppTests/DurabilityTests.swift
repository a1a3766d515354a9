import Foundation
import HTTP
import Storage
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

    static func post(port: Int, token: String, procedure: String, index: Int, key: String? = nil) throws -> String? {
        let body = #"{"procedure_code":"\#(procedure)","channel":"counter","applicant":{"full_name":"Lê Văn Bền \#(index)","id_number":"051190001234","phone":"0905123456"}}"#
        let client = try RawHTTPClient(port: port, timeout: .seconds(10))
        let keyField = key.map { "Idempotency-Key: \($0)\r\n" } ?? ""
        try client.send("POST /api/v1/dossiers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\n\(keyField)Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        let response = try client.readResponse()
        guard response.status == 201,
              let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] else { return nil }
        return json["code"] as? String
    }

    /// Starts `workers` clients, each posting dossiers numbered from `worker * 100_000` until the
    /// server stops answering 201; `sent` is called before each request (with its number) and
    /// `answered` after each 201. With `keyed`, request `n` carries `Idempotency-Key: k-n`.
    static func postUntilTheServerStops(port: Int, token: String, procedure: String, workers: Int, keyed: Bool = false,
                                        sent: @escaping @Sendable (Int) -> Void = { _ in },
                                        answered: @escaping @Sendable (Int, String) -> Void) -> DispatchGroup {
        let group = DispatchGroup()
        for worker in 0..<workers {
            DispatchQueue.global().async(group: group) {
                var index = worker * 100_000
                while true {
                    sent(index)
                    guard let code = try? post(port: port, token: token, procedure: procedure, index: index,
                                               key: keyed ? "k-\(index)" : nil) else { return }
                    answered(index, code)
                    index += 1
                }
            }
        }
        return group
    }

    func testEveryAcknowledgedDossierSurvivesSIGKILL() throws {
        let (database, token, procedure) = try seed()
        let server = try ServerProcess(database: database)
        let port = server.port
        let acknowledged = Locked<[String]>([])
        // Only 201 answers count as acknowledged.
        let group = Self.postUntilTheServerStops(port: port, token: token, procedure: procedure, workers: 8) { _, code in
            acknowledged.withLock { $0.append(code) }
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
        // The event chain and every dossier's packed history, written in the same transactions,
        // are whole after the kill.
        let audit = try ServerProcess.run(["audit", "verify", "--db", database])
        XCTAssertEqual(audit.status, 0, audit.output)
        XCTAssertTrue(audit.output.contains("Packed histories match the events"), audit.output)
    }

    /// A client that lost its answers to a SIGKILL retries every request it sent, with the same
    /// `Idempotency-Key`, after the restart: each request ends up as exactly one dossier, and an
    /// acknowledged one keeps its code.
    func testRetriesWithIdempotencyKeysAfterSIGKILLMakeExactlyOneDossierEach() throws {
        let (database, token, procedure) = try seed()
        let server = try ServerProcess(database: database)
        let port = server.port
        let acknowledged = Locked<[Int: String]>([:])  // index → code
        let attempted = Locked<Set<Int>>([])
        let group = Self.postUntilTheServerStops(port: port, token: token, procedure: procedure, workers: 8, keyed: true,
                                                 sent: { index in attempted.withLock { _ = $0.insert(index) } },
                                                 answered: { index, code in acknowledged.withLock { $0[index] = code } })
        let deadline = Date().addingTimeInterval(60)
        while acknowledged.withLock({ $0.count }) < 200, Date() < deadline { usleep(10_000) }
        server.kill(SIGKILL)
        group.wait()
        _ = server.waitForExit()
        let sent = attempted.withLock { $0 }
        let answered = acknowledged.withLock { $0 }
        XCTAssertGreaterThanOrEqual(answered.count, 200)

        let restarted = try ServerProcess(database: database)
        var changed: [Int] = []
        var unanswered: [Int] = []
        for index in sent.sorted() {
            guard let code = try Self.post(port: restarted.port, token: token, procedure: procedure, index: index, key: "k-\(index)") else {
                unanswered.append(index)
                continue
            }
            if let first = answered[index], first != code { changed.append(index) }
        }
        restarted.kill(SIGTERM)
        XCTAssertEqual(restarted.waitForExit().status, 0)
        XCTAssertEqual(unanswered, [], "retries refused")
        XCTAssertEqual(changed, [], "a retry answered another dossier than the acknowledged one")

        let store = try Database(path: database, readerCount: 1)
        defer { store.close() }
        let counts = try store.read { connection in
            try connection.query("""
                SELECT applicant_name, count(*) AS n FROM dossiers WHERE applicant_name LIKE 'Lê Văn Bền %' GROUP BY applicant_name
                """).map { (try $0.string("applicant_name"), try $0.int("n")) }
        }
        XCTAssertEqual(counts.count, sent.count, "one dossier for every request sent")
        XCTAssertEqual(counts.filter { $0.1 != 1 }.map(\.0), [], "requests stored more than once")
    }

    func testSIGTERMFinishesInFlightRequestsAndExitsCleanly() throws {
        let (database, token, procedure) = try seed()
        let server = try ServerProcess(database: database)
        let port = server.port
        let answered = Locked<Int>(0)
        let group = Self.postUntilTheServerStops(port: port, token: token, procedure: procedure, workers: 4) { _, _ in
            answered.withLock { $0 += 1 }
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
