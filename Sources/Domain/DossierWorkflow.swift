import Foundation

/// The dossier state machine of API.md: which action leads from which status to which, and who
/// may take it.
///
/// Checking order: first whether the action exists from the current status at all
/// (`invalidTransition`, rendered 409), then whether this actor may take it (`notPermitted`).
/// "The applicant" is whoever submitted the dossier (`isApplicant`), whatever their role.
public enum DossierWorkflow {
    /// The status after `action` by this actor, or the reason it is not allowed.
    public static func next(from status: DossierStatus, action: DossierAction, role: Role,
                            isApplicant: Bool) throws(DossierError) -> DossierStatus {
        guard let target = target(from: status, action: action) else {
            throw .invalidTransition(from: status, action: action,
                                     allowed: allowedActions(from: status, role: role, isApplicant: isApplicant))
        }
        guard isPermitted(action, from: status, role: role, isApplicant: isApplicant) else {
            throw .notPermitted(action: action, role: role)
        }
        return target
    }

    /// The actions this actor may take from `status`, in `DossierAction.allCases` order.
    public static func allowedActions(from status: DossierStatus, role: Role, isApplicant: Bool) -> [DossierAction] {
        DossierAction.allCases.filter {
            target(from: status, action: $0) != nil
                && isPermitted($0, from: status, role: role, isApplicant: isApplicant)
        }
    }

    /// The status `action` leads to from `status`, for whoever may take it; `nil` when the action
    /// does not exist from that status.
    public static func target(from status: DossierStatus, action: DossierAction) -> DossierStatus? {
        switch (action, status) {
        case (.accept, .submitted): return .received
        case (.requestSupplement, .submitted): return .supplementRequested
        case (.requestSupplement, .received), (.requestSupplement, .inProgress): return .paused
        case (.supplement, .supplementRequested): return .submitted
        case (.supplement, .paused): return .inProgress
        case (.refuse, .submitted), (.refuse, .supplementRequested): return .refused
        case (.assign, .received), (.assign, .inProgress): return .inProgress
        case (.forward, .inProgress), (.transfer, .inProgress): return .inProgress
        case (.complete, .inProgress): return .resultReady
        case (.deliver, .resultReady): return .returned
        case (.apologize, .received), (.apologize, .inProgress): return status
        case (.withdraw, _): return status.isTerminal ? nil : .withdrawn
        default: return nil
        }
    }

    /// Whether this actor may take `action` from `status` (the "who" column of API.md).
    public static func isPermitted(_ action: DossierAction, from status: DossierStatus, role: Role,
                                   isApplicant: Bool) -> Bool {
        switch action {
        case .accept, .refuse, .deliver:
            return role == .counterOfficer
        case .requestSupplement:
            // At intake the one-stop desk asks; during processing the agency asks (NĐ 61 Đ15.3, Đ19.4).
            return status == .submitted ? role == .counterOfficer : (role == .specialist || role == .leader)
        case .supplement, .withdraw:
            return isApplicant || role == .counterOfficer
        case .assign, .apologize:
            return role == .leader || role == .counterOfficer
        case .forward:
            return role == .specialist || role == .leader
        case .transfer, .complete:
            return role == .leader
        }
    }

    /// True when the action (re)starts the time limit: acceptance, and a supplement that ends a
    /// pause during processing (the limit restarts from zero, NĐ 61 Đ19.4).
    public static func startsTimeLimit(from status: DossierStatus, action: DossierAction) -> Bool {
        (action == .accept && status == .submitted) || (action == .supplement && status == .paused)
    }

    /// Checks an apology (Mẫu 04, NĐ 61 Đ19.9): once per dossier, at least one working day
    /// before `dueAt`, with a new date later than `dueAt`.
    public static func checkApology(at now: Date, dueAt: Date, newDueAt: Date, alreadyApologized: Bool,
                                    calendar: WorkingCalendar) throws(DossierError) {
        guard !alreadyApologized else { throw .apologyAlreadyGiven }
        let oneDay = calendar.officeHours.workingMinutesPerDay * 60
        guard calendar.workingSecondsBetween(now, dueAt) >= oneDay else { throw .apologyTooLate(dueAt: dueAt) }
        guard newDueAt > dueAt else { throw .newDueDateNotLater(dueAt: dueAt) }
    }
}
