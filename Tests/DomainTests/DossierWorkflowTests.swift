import Foundation
import XCTest
import Domain

final class DossierWorkflowTests: XCTestCase {
    /// The actions table of API.md, transcribed as text: action, from → to moves, roles, and
    /// whether "the applicant" may take it.
    private static let table: [(action: String, moves: [(String, String)], roles: Set<String>, applicant: Bool)] = [
        ("accept", [("submitted", "received")], ["counter_officer"], false),
        ("request_supplement", [("submitted", "supplement_requested")], ["counter_officer"], false),
        ("request_supplement", [("in_progress", "paused"), ("received", "paused")], ["specialist", "leader"], false),
        ("supplement", [("supplement_requested", "submitted"), ("paused", "in_progress")], ["counter_officer"], true),
        ("refuse", [("submitted", "refused"), ("supplement_requested", "refused")], ["counter_officer"], false),
        ("assign", [("received", "in_progress"), ("in_progress", "in_progress")], ["leader", "counter_officer"], false),
        ("forward", [("in_progress", "in_progress")], ["specialist", "leader"], false),
        ("transfer", [("in_progress", "in_progress")], ["leader"], false),
        ("complete", [("in_progress", "result_ready")], ["leader"], false),
        ("deliver", [("result_ready", "returned")], ["counter_officer"], false),
        ("apologize", [("received", "received"), ("in_progress", "in_progress")], ["leader", "counter_officer"], false),
        ("withdraw", ["submitted", "supplement_requested", "received", "in_progress", "paused", "result_ready"]
            .map { ($0, "withdrawn") }, ["counter_officer"], true),
    ]

    private func expectedAllowed(from: String, role: String, isApplicant: Bool) -> [String] {
        let actions = DossierAction.allCases.map(\.rawValue)
        return actions.filter { action in
            Self.table.contains { row in
                row.action == action && row.moves.contains { $0.0 == from }
                    && (row.roles.contains(role) || (row.applicant && isApplicant))
            }
        }
    }

    func testEveryStatusActionAndActorMatchesTheAPITable() {
        var checked = 0
        for status in DossierStatus.allCases {
            for action in DossierAction.allCases {
                for role in Role.allCases {
                    for isApplicant in [false, true] {
                        checked += 1
                        let rows = Self.table.filter { $0.action == action.rawValue && $0.moves.contains { $0.0 == status.rawValue } }
                        let context = "\(status.rawValue) \(action.rawValue) \(role.rawValue) applicant=\(isApplicant)"
                        let allowed = expectedAllowed(from: status.rawValue, role: role.rawValue, isApplicant: isApplicant)
                        XCTAssertEqual(DossierWorkflow.allowedActions(from: status, role: role, isApplicant: isApplicant)
                            .map(\.rawValue), allowed, context)
                        do {
                            let next = try DossierWorkflow.next(from: status, action: action, role: role, isApplicant: isApplicant)
                            let permitted = rows.first { $0.roles.contains(role.rawValue) || ($0.applicant && isApplicant) }
                            XCTAssertNotNil(permitted, "unexpectedly allowed: \(context)")
                            let to = permitted?.moves.first { $0.0 == status.rawValue }?.1
                            XCTAssertEqual(next.rawValue, to, context)
                        } catch .invalidTransition(let from, let failedAction, let offered) {
                            XCTAssertTrue(rows.isEmpty, "refused as invalid: \(context)")
                            XCTAssertEqual(from, status)
                            XCTAssertEqual(failedAction, action)
                            XCTAssertEqual(offered.map(\.rawValue), allowed, context)
                        } catch .notPermitted(let failedAction, let failedRole) {
                            XCTAssertFalse(rows.isEmpty, context)
                            XCTAssertFalse(rows.contains { $0.roles.contains(role.rawValue) || ($0.applicant && isApplicant) },
                                           "refused as not permitted: \(context)")
                            XCTAssertEqual(failedAction, action)
                            XCTAssertEqual(failedRole, role)
                        } catch {
                            XCTFail("unexpected \(error) for \(context)")
                        }
                    }
                }
            }
        }
        XCTAssertEqual(checked, 9 * 11 * 8 * 2)
    }

    func testTerminalStatusesAllowNothing() {
        for status in DossierStatus.allCases where status.isTerminal {
            for role in Role.allCases {
                XCTAssertEqual(DossierWorkflow.allowedActions(from: status, role: role, isApplicant: true), [])
            }
        }
        XCTAssertEqual(DossierStatus.allCases.filter(\.isTerminal), [.refused, .returned, .withdrawn])
    }

    func testOnlyAcceptanceAndSupplementAfterPauseStartTheTimeLimit() {
        XCTAssertTrue(DossierWorkflow.startsTimeLimit(from: .submitted, action: .accept))
        XCTAssertTrue(DossierWorkflow.startsTimeLimit(from: .paused, action: .supplement))
        XCTAssertFalse(DossierWorkflow.startsTimeLimit(from: .supplementRequested, action: .supplement))
        XCTAssertFalse(DossierWorkflow.startsTimeLimit(from: .inProgress, action: .apologize))
    }

    func testApologyOnceAndAtLeastOneWorkingDayBeforeTheDueDate() {
        let calendar = WorkingCalendar()
        let due = vn("2025-03-14T16:00")
        let later = vn("2025-03-20T16:00")
        XCTAssertNoThrow(try DossierWorkflow.checkApology(at: vn("2025-03-13T16:00"), dueAt: due, newDueAt: later,
                                                          alreadyApologized: false, calendar: calendar))
        XCTAssertThrowsError(try DossierWorkflow.checkApology(at: vn("2025-03-13T16:00:01"), dueAt: due, newDueAt: later,
                                                              alreadyApologized: false, calendar: calendar)) {
            XCTAssertEqual($0 as? DossierError, .apologyTooLate(dueAt: due))
        }
        XCTAssertThrowsError(try DossierWorkflow.checkApology(at: vn("2025-03-10T08:00"), dueAt: due, newDueAt: later,
                                                              alreadyApologized: true, calendar: calendar)) {
            XCTAssertEqual($0 as? DossierError, .apologyAlreadyGiven)
        }
        XCTAssertThrowsError(try DossierWorkflow.checkApology(at: vn("2025-03-10T08:00"), dueAt: due, newDueAt: due,
                                                              alreadyApologized: false, calendar: calendar)) {
            XCTAssertEqual($0 as? DossierError, .newDueDateNotLater(dueAt: due))
        }
    }

    func testErrorsExplainThemselvesInVietnamese() {
        let invalid = DossierError.invalidTransition(from: .returned, action: .complete, allowed: [])
        XCTAssertEqual(invalid.message,
                       "Không thể thực hiện \"Hoàn thành xử lý\" khi hồ sơ ở trạng thái \"Đã trả kết quả\". Không có thao tác nào khác.")
        let withOptions = DossierError.invalidTransition(from: .submitted, action: .complete, allowed: [.accept, .refuse])
        XCTAssertTrue(withOptions.message.hasSuffix("Các thao tác được phép: Tiếp nhận hồ sơ, Từ chối tiếp nhận."))
        XCTAssertEqual(DossierError.notPermitted(action: .complete, role: .specialist).message,
                       "Vai trò \"Chuyên viên xử lý\" không được thực hiện \"Hoàn thành xử lý\" với hồ sơ này.")
        XCTAssertTrue(DossierError.apologyTooLate(dueAt: vn("2025-03-14T16:00")).message.contains("16:00 ngày 14/03/2025"))
    }

    func testNationalStatusCodesFollowTheBrief() {
        let expected: [DossierStatus: Int] = [
            .submitted: 1, .received: 2, .refused: 3, .inProgress: 4, .supplementRequested: 5,
            .paused: 5, .withdrawn: 7, .resultReady: 9, .returned: 10,
        ]
        for status in DossierStatus.allCases { XCTAssertEqual(status.nationalStatus, expected[status], status.rawValue) }
        XCTAssertEqual(DossierStatus.inProgress.label, "Đang xử lý")
    }

    func testRawValuesAreTheAPISnakeCaseNames() {
        XCTAssertEqual(DossierStatus.allCases.map(\.rawValue), ["submitted", "supplement_requested", "refused", "received",
                                                                "in_progress", "paused", "result_ready", "returned", "withdrawn"])
        XCTAssertEqual(Role.allCases.map(\.rawValue), ["citizen", "counter_officer", "specialist", "leader", "agency_admin",
                                                       "province_monitor", "admin", "integration"])
        XCTAssertEqual(DossierAction(rawValue: "request_supplement"), .requestSupplement)
        XCTAssertEqual(Set(Role.allCases.map(\.label)).count, Role.allCases.count)
        XCTAssertEqual(Set(DossierAction.allCases.map(\.label)).count, DossierAction.allCases.count)
    }
}
