import Domain

/// How the domain's refusals read in the API (API.md error codes).
enum DossierErrorMapping {
    static func apiError(_ error: DossierError) -> APIError {
        switch error {
        case .invalidTransition(_, _, let allowed):
            return .invalidTransition(error.message, allowed: allowed.map(\.rawValue))
        case .notPermitted:
            // The dossier is visible to this caller, but the action is not theirs to take.
            return .forbidden(error.message)
        case .missingParameter(let name):
            return .validationFailed([name: error.message])
        case .apologyAlreadyGiven:
            return .conflict(error.message)
        case .apologyTooLate, .newDueDateNotLater:
            return .validationFailed(["new_due_at": error.message])
        }
    }
}
