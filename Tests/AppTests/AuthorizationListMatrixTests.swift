import Foundation
import XCTest
@testable import App

/// The authorization matrix over lists and agency-wide endpoints: which dossiers each
/// account's worklist, feedback list, statistics and register show, and who may use the
/// events feed, staff administration and the calendar. Every row is an explicit expectation.
final class AuthorizationListMatrixTests: AuthorizationMatrixTestCase {
    static let allStatuses = "submitted,supplement_requested,refused,received,in_progress,paused,result_ready,returned,withdrawn"

    /// The worklist (every status) holds exactly these dossiers; nil: 403; anonymous 401.
    func testWorklistsHoldExactlyTheCallersDossiers() throws {
        let table: [(String?, Set<Case>?)] = [
            ("centre", [.held, .transferred, .planning, .online]),  // its desk received them
            ("commune", [.commune]),
            ("justice.specialist", [.held, .transferred, .online]),  // responsible agency
            ("justice.leader", [.held, .transferred, .online]),
            ("justice.admin", [.held, .transferred, .online]),
            ("health.specialist", [.transferred]),  // held by Sở Y tế now
            ("health.leader", [.transferred]),
            ("monitor", Set(Case.allCases)),
            ("admin", Set(Case.allCases)),
            ("portal", nil),
            ("citizen", [.online]),
            ("citizen2", []),
        ]
        XCTAssertEqual(table.count + 1, Self.everyone.count, "every signed-in account has a row")
        for (who, expected) in table {
            let reply = try call("GET", "/api/v1/dossiers?status=\(Self.allStatuses)&limit=500", token: try token(who!))
            guard let expected else {
                XCTAssertEqual(reply.status, 403, who!)
                continue
            }
            XCTAssertEqual(reply.status, 200, "\(who!): \(reply.text)")
            let listed = (reply.json["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            XCTAssertEqual(Set(listed), Set(expected.map { codes[$0]! }), who!)
            XCTAssertEqual(listed.count, Set(listed).count, "\(who!): no duplicates")
            for unseen in Set(Case.allCases).subtracting(expected) {
                assertNoTrace(of: unseen, in: reply, "\(who!) worklist")
            }
            // Searching another agency's applicant by name or number finds nothing either.
            for unseen in Set(Case.allCases).subtracting(expected) {
                let number = Self.applicants[unseen]!.idNumber
                let search = try call("GET", "/api/v1/dossiers?status=\(Self.allStatuses)&q=\(number)", token: try token(who!))
                XCTAssertEqual(search.status, 200)
                XCTAssertEqual((search.json["items"] as? [[String: Any]])?.count, 0, "\(who!) q=\(number)")
            }
        }
        XCTAssertEqual(try call("GET", "/api/v1/dossiers").status, 401)
    }

    /// The feedback list holds exactly the feedback concerning the caller's agency; answering
    /// (an empty answer: 422 when allowed) is for that agency's staff and `admin`.
    func testFeedbackIsSeenAndAnsweredOnlyByTheAgencyConcerned() throws {
        let lists: [(String?, Set<Int>?)] = [
            ("centre", []), ("commune", []),
            ("justice.specialist", [heldFeedback]), ("justice.leader", [heldFeedback]), ("justice.admin", [heldFeedback]),
            ("health.specialist", []), ("health.leader", []),
            ("monitor", [heldFeedback, planningFeedback]), ("admin", [heldFeedback, planningFeedback]),
            ("portal", nil), ("citizen", nil), ("citizen2", nil),
        ]
        for (who, expected) in lists {
            let reply = try call("GET", "/api/v1/feedback?limit=500", token: try token(who!))
            guard let expected else {
                XCTAssertEqual(reply.status, 403, who!)
                continue
            }
            XCTAssertEqual(reply.status, 200, who!)
            let ids = (reply.json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            XCTAssertEqual(Set(ids), expected, who!)
            if !expected.contains(planningFeedback) { assertNoTrace(of: .planning, in: reply, "\(who!) feedback") }
        }
        XCTAssertEqual(try call("GET", "/api/v1/feedback").status, 401)

        let answers: [(String?, held: Int, planning: Int)] = [
            ("centre", 404, 404), ("commune", 404, 404),
            ("justice.specialist", 422, 404), ("justice.leader", 422, 404), ("justice.admin", 422, 404),
            ("health.specialist", 404, 404), ("health.leader", 404, 404),
            ("monitor", 403, 403),  // reads everything, answers nothing
            ("admin", 422, 422),
            ("portal", 404, 404), ("citizen", 404, 404), ("citizen2", 404, 404),
            (nil, 401, 401),
        ]
        XCTAssertEqual(answers.count, Self.everyone.count)
        let empty: [String: Any] = ["answer": "", "publish": false]
        try run(answers.flatMap { who, held, planning in [
            Probe(who: who, method: "POST", path: "/api/v1/feedback/\(heldFeedback)/answer", json: empty, expect: held, about: .held),
            Probe(who: who, method: "POST", path: "/api/v1/feedback/\(planningFeedback)/answer", json: empty, expect: planning,
                  about: .planning),
        ] })
    }

    /// Statistics count only the dossiers of the caller's scope (responsible, desk or
    /// holding agency); citizens and the integration client get 403.
    func testStatisticsCountOnlyTheCallersScope() throws {
        let table: [(String?, Int?)] = [
            ("centre", 4), ("commune", 1),
            ("justice.specialist", 3), ("justice.leader", 3), ("justice.admin", 3),
            ("health.specialist", 1), ("health.leader", 1),
            ("monitor", 5), ("admin", 5),
            ("portal", nil), ("citizen", nil), ("citizen2", nil),
        ]
        let planningAgency = try XCTUnwrap(try call("GET", "/api/v1/dossiers/\(codes[.planning]!)", token: try token("monitor"))
            .json["agency_id"] as? Int)
        for (who, expected) in table {
            for query in ["", "?from=2000-01-01&to=2100-01-01"] {
                let reply = try call("GET", "/api/v1/stats/summary\(query)", token: try token(who!))
                guard let expected else {
                    XCTAssertEqual(reply.status, 403, "\(who!) \(query)")
                    continue
                }
                XCTAssertEqual(reply.status, 200, "\(who!) \(query): \(reply.text)")
                XCTAssertEqual((reply.json["received"] as? [String: Any])?["total"] as? Int, expected, "\(who!) \(query)")
            }
            // Filtering on another agency does not widen the scope.
            let filtered = try call("GET", "/api/v1/stats/summary?agency_id=\(planningAgency)", token: try token(who!))
            if expected != nil {
                let seesPlanning = ["centre", "monitor", "admin"].contains(who!)
                XCTAssertEqual((filtered.json["received"] as? [String: Any])?["total"] as? Int, seesPlanning ? 1 : 0, who!)
            }
        }
        XCTAssertEqual(try call("GET", "/api/v1/stats/summary").status, 401)
    }

    func testEventsFeedStaffAdministrationAndCalendarAreForTheirRolesOnly() throws {
        let health = try userID("health.specialist"), specialist = try userID("justice.specialist")
        let badActive: [String: Any] = ["is_active": "có"]
        // (account, events, staff list, staff create {}, patch own-agency specialist, patch other agency, calendar PUT {})
        let table: [(String?, [Int])] = [
            ("centre",             [403, 403, 403, 403, 403, 403]),
            ("commune",            [403, 403, 403, 403, 403, 403]),
            ("justice.specialist", [403, 403, 403, 403, 403, 403]),
            ("justice.leader",     [403, 403, 403, 403, 403, 403]),
            ("justice.admin",      [403, 200, 422, 422, 404, 403]),
            ("health.specialist",  [403, 403, 403, 403, 403, 403]),
            ("health.leader",      [403, 403, 403, 403, 403, 403]),
            ("monitor",            [200, 403, 403, 403, 403, 403]),
            ("admin",              [200, 200, 422, 422, 422, 422]),
            ("portal",             [200, 403, 403, 403, 403, 403]),
            ("citizen",            [403, 403, 403, 403, 403, 403]),
            ("citizen2",           [403, 403, 403, 403, 403, 403]),
            (nil,                  [401, 401, 401, 401, 401, 401]),
        ]
        XCTAssertEqual(table.count, Self.everyone.count)
        let replies = try run(table.flatMap { who, statuses in [
            Probe(who: who, method: "GET", path: "/api/v1/events?limit=500", expect: statuses[0]),
            Probe(who: who, method: "GET", path: "/api/v1/staff?limit=500", expect: statuses[1]),
            Probe(who: who, method: "POST", path: "/api/v1/staff", json: [String: Any](), expect: statuses[2]),
            Probe(who: who, method: "PATCH", path: "/api/v1/staff/\(specialist)", json: badActive, expect: statuses[3]),
            Probe(who: who, method: "PATCH", path: "/api/v1/staff/\(health)", json: badActive, expect: statuses[4]),
            Probe(who: who, method: "PUT", path: "/api/v1/calendar/2027", json: [String: Any](), expect: statuses[5]),
        ] })
        // The agency admin's staff list is its agency's staff, nobody else.
        let justiceList = replies[4 * 6 + 1]
        let names = (justiceList.json["items"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }
        XCTAssertEqual(Set(names), ["justice.specialist", "justice.leader", "justice.specialist2", "justice.admin"])
    }

    /// Mẫu 06: a desk's register for its own staff and the province-wide roles; another desk's
    /// register, citizens and the integration client 404; no session 303.
    func testRegisterShowsOnlyTheDesksOwnDossiers() throws {
        let centre = try agencyID(named: ReferenceData.centreName), commune = try agencyID(named: "Phường Chánh Lộ")
        let rows: [(String?, String, Int, Set<Case>)] = [
            ("centre", "", 200, [.held, .transferred, .planning, .online]),
            ("centre", "?agency_id=\(commune)", 404, []),
            ("commune", "", 200, [.commune]),
            ("commune", "?agency_id=\(centre)", 404, []),
            ("justice.specialist", "", 200, []),  // Sở Tư pháp's own desk received nothing
            ("justice.specialist", "?agency_id=\(centre)", 404, []),
            ("justice.admin", "?agency_id=\(centre)", 404, []),
            ("health.leader", "?agency_id=\(centre)", 404, []),
            ("monitor", "?agency_id=\(centre)", 200, [.held, .transferred, .planning, .online]),
            ("monitor", "?agency_id=\(commune)", 200, [.commune]),
            ("admin", "?agency_id=\(commune)", 200, [.commune]),
            ("portal", "?agency_id=\(centre)", 404, []),
            ("citizen", "", 404, []),
            ("citizen", "?agency_id=\(centre)", 404, []),
            ("citizen2", "?agency_id=\(centre)", 404, []),
            (nil, "", 303, []),
        ]
        for (who, query, status, shown) in rows {
            let reply = try call("GET", "/so-theo-doi\(query)", token: try who.map { try token($0) })
            let label = "\(who ?? "anonymous") \(query)"
            XCTAssertEqual(reply.status, status, label)
            for which in Case.allCases {
                XCTAssertEqual(reply.text.contains(codes[which]!), shown.contains(which), "\(label): \(which)")
                if !shown.contains(which) { assertNoTrace(of: which, in: reply, label) }
            }
        }
    }

    /// A write authenticated by the session cookie needs the CSRF token (403 without it);
    /// with it the request reaches the handler (here 422: `complete` without its result).
    func testCookieAuthenticatedWritesNeedTheCSRFToken() throws {
        let signIn = try call("POST", "/api/v1/session", json: ["username": "justice.leader", "password": Self.password])
        let session = try XCTUnwrap(signIn.json["token"] as? String), csrf = try XCTUnwrap(signIn.json["csrf_token"] as? String)
        let path = "/api/v1/dossiers/\(codes[.held]!)/actions"
        let cookie = "motcua_session=\(session)"
        let without = try call("POST", path, json: ["action": "complete"], headers: ["Cookie": cookie])
        XCTAssertEqual(without.status, 403, without.text)
        let wrong = try call("POST", path, json: ["action": "complete"], headers: ["Cookie": cookie, "X-CSRF-Token": "sai"])
        XCTAssertEqual(wrong.status, 403)
        let with = try call("POST", path, json: ["action": "complete"], headers: ["Cookie": cookie, "X-CSRF-Token": csrf])
        XCTAssertEqual(with.status, 422, with.text)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(codes[.held]!)", headers: ["Cookie": cookie]).status, 200,
                       "a read needs no CSRF token")
        let upload = Self.multipart([Self.file("a.pdf", Self.samplePDF)])
        let noToken = try call("POST", "/api/v1/dossiers/\(codes[.held]!)/documents", rawBody: upload.body,
                               contentType: upload.contentType, headers: ["Cookie": cookie])
        XCTAssertEqual(noToken.status, 403)
        XCTAssertEqual(try call("PUT", "/api/v1/calendar/2027", json: [String: Any](),
                                headers: ["Cookie": "motcua_session=\(try token("admin"))"]).status, 403)
        XCTAssertEqual(try call("POST", path, json: ["action": "complete"], token: "không-hợp-lệ").status, 401, "a wrong Bearer token")
    }
}
