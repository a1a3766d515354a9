import Domain
import Foundation
import HTTP
import Storage

extension FormHandlers {
    /// `GET /ho-so/{code}/mau-02`: the latest supplement request; 409 page when there is none.
    func supplementRequest(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        let dossier = try visibleDossier(request, to: user)
        guard let event = dossier.events.last(where: { $0.action == DossierAction.requestSupplement.rawValue }) else {
            throw APIError.conflict("Hồ sơ \(dossier.code) chưa có yêu cầu bổ sung nên chưa có Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02).")
        }
        let (documentsJSON, phone) = try context.database.read { connection -> (String?, String?) in
            let documents = try connection.queryOne("SELECT documents FROM procedures WHERE id = ?",
                                                    [SQLiteValue(dossier.procedureID)])?.optionalString("documents")
            let phone = try event.actorID.flatMap {
                try connection.queryOne("SELECT phone FROM users WHERE id = ?", [SQLiteValue($0)])?.optionalString("phone")
            }
            return (documents, phone)
        }
        let published = Self.publishedDocuments(documentsJSON)
        let (missing, remark) = ActionNoteReader.supplementRequest(event.note, published: published.map(\.name))
        let lines = missing.map { name in
            let known = published.first { $0.name == name }
            return SupplementRequestForm.DocumentLine(name: name, copies: known?.copies ?? "01 bản", form: known?.form)
        }
        let agencies = context.catalog.agencies
        let agency = agencies[event.agencyID]
        let form = SupplementRequestForm(dossier: dossier, event: event, agencyName: agency?.name ?? "",
                                         parentAgencyName: agency?.parentID.flatMap { agencies[$0]?.name },
                                         place: Self.place, documents: lines, reason: remark, officerPhone: phone)
        return FormPage.response(title: "Mẫu 02 – \(dossier.code)", paper: .a5, sheets: [form.sheet()])
    }

    /// `GET /ho-so/{code}/mau-03`: only for a refused dossier; 409 page otherwise.
    func refusal(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        let dossier = try visibleDossier(request, to: user)
        guard dossier.status == .refused,
              let event = dossier.events.last(where: { $0.action == DossierAction.refuse.rawValue }) else {
            throw APIError.conflict("Hồ sơ \(dossier.code) không bị từ chối tiếp nhận nên không có Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03).")
        }
        let legalBasis = try context.database.read { connection in
            try connection.queryOne("SELECT legal_basis FROM procedures WHERE id = ?",
                                    [SQLiteValue(dossier.procedureID)])?.optionalString("legal_basis")
        }
        let agencies = context.catalog.agencies
        let agency = agencies[event.agencyID]
        let form = RefusalForm(dossier: dossier, event: event, agencyName: agency?.name ?? "",
                               parentAgencyName: agency?.parentID.flatMap { agencies[$0]?.name }, place: Self.place,
                               legalBasis: legalBasis, reason: ActionNoteReader.reason(event.note))
        return FormPage.response(title: "Mẫu 03 – \(dossier.code)", paper: .a5, sheets: [form.sheet()])
    }

    /// `GET /ho-so/{code}/mau-04`: only after an apology; 409 page otherwise.
    func apology(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        let dossier = try visibleDossier(request, to: user)
        guard let event = dossier.events.last(where: { $0.action == DossierAction.apologize.rawValue }) else {
            throw APIError.conflict("Hồ sơ \(dossier.code) chưa có thư xin lỗi, hẹn lại ngày trả kết quả nên chưa có Mẫu 04.")
        }
        let (newDueAt, reason) = ActionNoteReader.apology(event.note)
        let agencies = context.catalog.agencies
        let agency = agencies[dossier.agencyID]
        // The apology moves only `due_at`; `original_due_at` keeps the appointment of Mẫu 01.
        let form = ApologyForm(dossier: dossier, event: event, agencyName: agency?.name ?? "",
                               parentAgencyName: agency?.parentID.flatMap { agencies[$0]?.name },
                               deskName: agencies[dossier.deskAgencyID]?.name ?? "", place: Self.place,
                               originalDueAt: dossier.originalDueAt,
                               newDueAt: newDueAt ?? dossier.dueAt.flatMap(VietnamTime.parse), reason: reason)
        return FormPage.response(title: "Mẫu 04 – \(dossier.code)", paper: .a5, sheets: [form.sheet()])
    }

    /// The procedure's published documents with their copies and, when given, their form.
    static func publishedDocuments(_ json: String?) -> [SupplementRequestForm.DocumentLine] {
        guard let data = json?.data(using: .utf8),
              let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return items.compactMap { item in
            guard let name = item["name"] as? String else { return nil }
            let copies = (item["copies"] as? Int).map { "\($0) bản" } ?? (item["copies"] as? String) ?? "01 bản"
            return SupplementRequestForm.DocumentLine(name: name, copies: copies, form: item["form"] as? String)
        }
    }
}
