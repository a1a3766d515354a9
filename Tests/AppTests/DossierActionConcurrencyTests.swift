import Foundation
import HTTP
import Storage
import XCTest
@testable import App
@testable import Domain

/// Two officers acting on one dossier at once: exactly one wins, the other gets 409 (the
/// check and the update run in one write; stale versions are refused, RFC 9110 §13.1.1).
final class DossierActionConcurrencyTests: DossierActionTestCase {
    /// Fires the requests at once, each on its own connection and thread; replies sorted by status.
    func fireTogether(_ code: String, _ bodies: [(name: String, body: [String: Any], headers: [String: String])]) throws -> [Reply] {
        let port = self.port
        let requests = try bodies.map { (try token($0.name), Array(try JSONSerialization.data(withJSONObject: $0.body)), $0.headers) }
        let replies = Locked<[Reply]>([])
        DispatchQueue.concurrentPerform(iterations: requests.count) { index in
            let (token, body, headers) = requests[index]
            if let reply = try? Self.request(port: port, "POST", "/api/v1/dossiers/\(code)/actions", body: body,
                                             token: token, headers: headers) {
                replies.withLock { $0.append(reply) }
            }
        }
        return replies.withLock { $0 }.sorted { $0.status < $1.status }
    }

    func testTwoOfficersAcceptingOneDossierAtOnceExactlyOneWins() throws {
        for _ in 0..<5 {
            let code = try submitOnline()
            let replies = try fireTogether(code, [("centre", ["action": "accept"], [:]), ("centre2", ["action": "accept"], [:])])
            XCTAssertEqual(replies.map(\.status), [200, 409], replies.map(\.text).joined(separator: "\n"))
            XCTAssertEqual(replies.last?.errorCode, "invalid_transition")
            XCTAssertEqual(try storedEvents(code).map(\.action), ["submit", "accept"])
            let read = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
            XCTAssertEqual(read.json["version"] as? Int, 2)
        }
    }

    func testTwoAssignsWithTheSameIfMatchExactlyOneWins() throws {
        for _ in 0..<5 {
            let code = try receiveAtCounter()
            let read = try call("GET", "/api/v1/dossiers/\(code)", token: try token("centre"))
            let tag = try XCTUnwrap(read.headers["ETag"])
            XCTAssertEqual(tag, "\"v1\"")
            let replies = try fireTogether(code, [
                ("centre", ["action": "assign", "user_id": try userID("justice.specialist")], ["If-Match": tag]),
                ("centre2", ["action": "assign", "user_id": try userID("justice.specialist2")], ["If-Match": tag]),
            ])
            XCTAssertEqual(replies.map(\.status), [200, 409], replies.map(\.text).joined(separator: "\n"))
            XCTAssertEqual(replies.last?.errorCode, "conflict")
            XCTAssertEqual(replies.first?.headers["ETag"], "\"v2\"")
            XCTAssertEqual(try storedEvents(code).map(\.action), ["receive", "assign"])
        }
    }

    func testStaleVersionInIfMatchOrBodyIs409Conflict() throws {
        let code = try receiveAtCounter()
        try expectOK(code, "assign", ["user_id": try userID("justice.specialist")], as: "centre")
        let header = try act(code, "apologize", ["new_due_at": "2099-01-01", "reason": "x"], as: "centre",
                             headers: ["If-Match": "\"v1\""])
        XCTAssertEqual(header.status, 409, header.text)
        XCTAssertEqual(header.errorCode, "conflict")
        let body = try act(code, "forward", ["user_id": try userID("justice.leader"), "version": 1], as: "justice.specialist")
        XCTAssertEqual(body.status, 409)
        XCTAssertEqual(body.errorCode, "conflict")
        // The current version goes through.
        let current = try act(code, "forward", ["user_id": try userID("justice.leader"), "version": 2], as: "justice.specialist")
        XCTAssertEqual(current.status, 200, current.text)
        XCTAssertEqual(current.json["version"] as? Int, 3)
        let any = try act(code, "forward", ["user_id": try userID("justice.specialist")], as: "justice.leader",
                          headers: ["If-Match": "*"])
        XCTAssertEqual(any.status, 200, any.text)
    }

    func testManyConcurrentActionsKeepTheEventChainGapFreeAndValid() throws {
        let codes = try (0..<8).map { _ in try submitOnline() }
        let port = self.port
        let tokens = [try token("centre"), try token("centre2")]
        let body = Array(try JSONSerialization.data(withJSONObject: ["action": "accept"]))
        let statuses = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: codes.count * 2) { index in
            let reply = try? Self.request(port: port, "POST", "/api/v1/dossiers/\(codes[index / 2])/actions", body: body,
                                          token: tokens[index % 2])
            statuses.withLock { $0.append(reply?.status ?? 0) }
        }
        XCTAssertEqual(statuses.withLock { $0 }.sorted(), Array(repeating: 200, count: 8) + Array(repeating: 409, count: 8))
        try application.context.database.read { connection in
            var previous = EventLog.genesisHash
            var expectedSeq = 1
            for row in try connection.query("SELECT e.*, d.code FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id ORDER BY e.seq") {
                XCTAssertEqual(try row.int("seq"), expectedSeq)
                XCTAssertEqual(try row.string("previous_hash"), previous)
                let hash = EventLog.chainHash(seq: try row.int("seq"), previousHash: previous, dossierCode: try row.string("code"),
                                              at: try row.string("at"), action: try row.string("action"),
                                              actorID: try row.optionalInt("actor_id"), fromStatus: try row.optionalString("from_status"),
                                              toStatus: try row.string("to_status"), agencyID: try row.int("agency_id"),
                                              note: try row.optionalString("note"))
                XCTAssertEqual(try row.string("hash"), hash)
                previous = hash
                expectedSeq += 1
            }
            XCTAssertEqual(expectedSeq, 8 * 2 + 1)
        }
    }
}
