import Domain
import Foundation
import HTTP

/// Feedback (phản ánh, kiến nghị; API.md "Feedback"): `POST /api/v1/feedback` without login,
/// rate-limited per client address; `GET /api/v1/feedback` for the staff of the agency it
/// concerns and the province-wide roles; `POST /api/v1/feedback/{id}/answer` by that agency's
/// staff or the admin.
struct FeedbackHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }

    static let statuses: Set<String> = ["open", "answered"]

    func create(_ request: Request) throws -> Response {
        let now = context.now()
        try context.feedbackThrottle.admit(SessionHandlers.host(of: request.remoteAddress), now: now)
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let content = body.requiredString("content", label: "nội dung phản ánh, kiến nghị", problems: &problems)
        if let content, content.count > 5000 { problems["content"] = "Nội dung không được dài quá 5.000 ký tự." }
        var name: String?, phone: String?, email: String?
        if let contact = body.object("contact") {
            name = contact.requiredString("full_name", label: "họ và tên", problems: &problems, prefix: "contact.")
            if let text = name, text.count > 200 { problems["contact.full_name"] = "Họ và tên không được dài quá 200 ký tự." }
            phone = contact.string("phone", problems: &problems, prefix: "contact.")
            if let text = phone {
                phone = MobilePhoneNumber.normalized(text)
                if phone == nil { problems["contact.phone"] = "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)." }
            }
            email = contact.string("email", problems: &problems, prefix: "contact.")
            if let text = email, !EmailAddressSyntax.isValid(text) { problems["contact.email"] = "Địa chỉ email không hợp lệ." }
        } else {
            problems["contact"] = "Vui lòng nhập thông tin liên hệ."
        }
        var agencyID: Int?
        switch body.object["agency_id"] {
        case nil, is NSNull: break
        case let number as NSNumber where context.catalog.agencies[number.intValue] != nil
            && Double(number.intValue) == number.doubleValue:
            agencyID = number.intValue
        default: problems["agency_id"] = "Không tìm thấy cơ quan có mã này."
        }
        var dossierID: Int?
        var dossierCode: String?
        if let code = body.string("dossier_code", problems: &problems) {
            // Only the form of the code is checked: whether such a dossier exists is not told to
            // an anonymous sender. A code that exists links the item and routes it to the agency
            // responsible for the dossier; one that does not is kept for staff to read.
            if DossierCode.parse(code) == nil {
                problems["dossier_code"] = "Mã hồ sơ không đúng dạng (ví dụ 000.00.50.H55-250314-0001)."
            } else {
                dossierCode = code
                if let dossier = try context.dossiers.find(code: code) {
                    dossierID = dossier.id
                    agencyID = dossier.agencyID
                }
            }
        }
        guard problems.isEmpty, let content, let name else { throw APIError.validationFailed(problems) }
        let id = try context.feedback.add(FeedbackStore.NewFeedback(
            content: content, contactName: name, contactPhone: phone, contactEmail: email,
            dossierID: dossierID, dossierCode: dossierCode, agencyID: agencyID), now: now)
        return JSONResponse.make(status: 201) { json in
            json.beginObject()
            json.key("id"); json.int(id)
            json.key("status"); json.string("open")
            json.endObject()
        }
    }

    func list(_ request: Request) throws -> Response {
        let user = try authenticator.requireUser(for: request, now: context.now())
        let scope: Int?
        if user.role.seesWholeProvince {
            scope = nil
        } else if user.role.isAgencyStaff, let agency = user.agencyID {
            scope = agency
        } else {
            throw APIError.forbidden("Danh sách phản ánh, kiến nghị dành cho cán bộ, công chức.")
        }
        var problems: [String: String] = [:]
        let status = request.query("status")
        if let status, !Self.statuses.contains(status) { problems["status"] = "Trạng thái phải là open hoặc answered." }
        var limit = 50
        if let text = request.query("limit") {
            if let value = Int(text), (1...500).contains(value) { limit = value } else { problems["limit"] = "limit phải từ 1 đến 500." }
        }
        var beforeID: Int?
        if let text = request.query("cursor") {
            if let value = Int(text), value > 0 { beforeID = value } else { problems["cursor"] = "cursor không hợp lệ." }
        }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        let items = try context.feedback.list(agencyID: scope, status: status, beforeID: beforeID, limit: limit)
        return JSONResponse.make { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for item in items { Self.write(item, into: &json) }
            json.endArray()
            json.key("next_cursor"); json.string(items.count == limit ? items.last.map { String($0.id) } : nil)
            json.endObject()
        }
    }

    func answer(_ request: Request) throws -> Response {
        let now = context.now()
        let user = try authenticator.requireUser(for: request, now: now)
        guard let id = request.pathParameters["id"].flatMap({ Int($0) }), let item = try context.feedback.find(id: id),
              Self.isVisible(item, to: user) else {
            throw APIError.notFound("Không tìm thấy phản ánh, kiến nghị.")
        }
        guard user.role == .admin || (user.role.isAgencyStaff && item.agencyID == user.agencyID) else {
            throw APIError.forbidden("Chỉ cơ quan được phản ánh mới trả lời được phản ánh, kiến nghị này.")
        }
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let text = body.requiredString("answer", label: "nội dung trả lời", problems: &problems)
        if let text, text.count > 5000 { problems["answer"] = "Nội dung trả lời không được dài quá 5.000 ký tự." }
        var publish = false
        switch body.object["publish"] {
        case let number as NSNumber where RatingHandlers.isBoolean(number): publish = number.boolValue
        default: problems["publish"] = "publish phải là true hoặc false."
        }
        guard problems.isEmpty, let text else { throw APIError.validationFailed(problems) }
        let answered = try context.feedback.answer(id: id, text: text, publish: publish, by: user, now: now)
        return JSONResponse.make { Self.write(answered, into: &$0) }
    }

    static func isVisible(_ item: FeedbackStore.Item, to user: User) -> Bool {
        if user.role.seesWholeProvince { return true }
        return user.role.isAgencyStaff && user.agencyID != nil && item.agencyID == user.agencyID
    }

    static func write(_ item: FeedbackStore.Item, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(item.id)
        json.key("content"); json.string(item.content)
        json.key("contact")
        json.beginObject()
        json.key("full_name"); json.string(item.contactName)
        json.key("phone"); json.string(item.contactPhone)
        json.key("email"); json.string(item.contactEmail)
        json.endObject()
        json.key("dossier_code"); json.string(item.dossierCode)
        json.key("agency_id"); json.int(item.agencyID)
        json.key("status"); json.string(item.status)
        json.key("answer"); json.string(item.answer)
        json.key("publish"); json.bool(item.isPublished)
        json.key("created_at"); json.string(item.createdAt)
        json.key("answered_at"); json.string(item.answeredAt)
        json.endObject()
    }
}
