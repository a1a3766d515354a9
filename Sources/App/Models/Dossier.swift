import Domain
import Foundation

/// A dossier with its applicant, documents and events, in the shape of API.md.
public struct Dossier: Sendable {
    public struct Applicant: Sendable, Equatable {
        public var fullName: String
        public var idNumber: String
        public var phone: String
        public var email: String?
        public var address: String?
    }

    public typealias Event = DossierEvent

    public typealias Document = DossierDocument

    public var id: Int
    public var code: String
    public var procedureCode: String
    public var procedureName: String
    public var agencyID: Int
    public var deskAgencyID: Int
    public var currentAgencyID: Int
    public var channel: String
    public var status: DossierStatus
    public var applicant: Applicant
    public var applicantUserID: Int?
    public var note: String?
    public var submittedAt: String
    public var receivedAt: String?
    public var dueAt: String?
    public var originalDueAt: String?
    public var finishedAt: String?
    public var assigneeID: Int?
    public var resultSummary: String?
    public var resultNumber: String?
    public var documents: [Document] = []
    public var events: [Event] = []
    /// Incremented by every action; the `ETag` is `"v<version>"` (RFC 9110 §8.8.3).
    public var version: Int = 1
    /// How the result was returned (`deliver`): counter, postal or online.
    public var deliveredVia: String? = nil
    /// The procedure and its time limit as they were at receipt (a restart after a supplement
    /// uses this limit, not today's catalogue).
    public var procedureID: Int = 0
    public var timeLimit: TimeLimit? = nil

    /// The strong entity tag of this version (RFC 9110 §8.8.3), compared with `If-Match`.
    public var entityTag: String { "\"v\(version)\"" }

    /// True when `user` submitted this dossier themselves ("the applicant" of API.md's actions).
    public func isApplicant(_ user: User) -> Bool {
        user.role == .citizen && applicantUserID == user.id
    }

    /// `early`/`on_time`/`late` once finished, `within`/`overdue` while in progress, nil before receipt.
    public func timing(now: Date) -> Timing? {
        guard receivedAt != nil, let due = originalDueAt.flatMap(VietnamTime.parse) else { return nil }
        if let finished = finishedAt.flatMap(VietnamTime.parse) {
            return Timing.finished(at: finished, originalDueAt: due)
        }
        if status.isTerminal { return nil }
        return Timing.inProgress(at: now, originalDueAt: due)
    }

    /// Whether `user` may see this dossier: the applicant, staff of an agency that holds or
    /// held it, and the province-wide roles. Everyone else gets 404, never 403.
    public func isVisible(to user: User) -> Bool {
        if user.seesWholeProvince { return true }
        if user.role == .citizen { return applicantUserID == user.id }
        guard let agency = user.agencyID else { return false }
        if agency == agencyID || agency == currentAgencyID || agency == deskAgencyID { return true }
        return events.contains { $0.agencyID == agency }
    }

    func writeJSON(into json: inout JSONWriter, now: Date) {
        json.beginObject()
        json.key("code"); json.string(code)
        json.key("procedure_code"); json.string(procedureCode)
        json.key("procedure_name"); json.string(procedureName)
        json.key("agency_id"); json.int(agencyID)
        json.key("current_agency_id"); json.int(currentAgencyID)
        json.key("channel"); json.string(channel)
        json.key("status"); json.string(status.rawValue)
        json.key("applicant")
        json.beginObject()
        json.key("full_name"); json.string(applicant.fullName)
        json.key("id_number"); json.string(applicant.idNumber)
        json.key("phone"); json.string(applicant.phone)
        json.key("email"); json.string(applicant.email)
        json.key("address"); json.string(applicant.address)
        json.endObject()
        json.key("note"); json.string(note)
        json.key("submitted_at"); json.string(submittedAt)
        json.key("received_at"); json.string(receivedAt)
        json.key("due_at"); json.string(dueAt)
        json.key("original_due_at"); json.string(originalDueAt)
        json.key("finished_at"); json.string(finishedAt)
        json.key("timing"); json.string(timing(now: now)?.rawValue)
        json.key("assignee_id"); json.int(assigneeID)
        json.key("version"); json.int(version)
        json.key("delivered_via"); json.string(deliveredVia)
        json.key("documents")
        json.beginArray()
        for document in documents where !document.isResult { Self.write(document, into: &json) }
        json.endArray()
        json.key("result")
        if resultSummary != nil || resultNumber != nil {
            json.beginObject()
            json.key("summary"); json.string(resultSummary)
            json.key("number"); json.string(resultNumber)
            json.key("documents")
            json.beginArray()
            for document in documents where document.isResult { Self.write(document, into: &json) }
            json.endArray()
            json.endObject()
        } else {
            json.null()
        }
        json.key("events")
        json.beginArray()
        for event in events {
            json.beginObject()
            json.key("seq"); json.int(event.seq)
            json.key("at"); json.string(event.at)
            json.key("action"); json.string(event.action)
            json.key("actor")
            json.beginObject()
            json.key("id"); json.int(event.actorID)
            json.key("full_name"); json.string(event.actorName)
            json.key("role"); json.string(event.actorRole)
            json.endObject()
            json.key("from_status"); json.string(event.fromStatus)
            json.key("to_status"); json.string(event.toStatus)
            json.key("note"); json.string(event.note)
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    static func write(_ document: Document, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(document.id)
        json.key("name"); json.string(document.name)
        json.key("content_type"); json.string(document.contentType)
        json.key("size"); json.int(document.size)
        json.key("sha256"); json.string(document.sha256)
        json.endObject()
    }
}
