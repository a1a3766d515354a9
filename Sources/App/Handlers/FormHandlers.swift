import Domain
import Foundation
import HTTP
import Storage

/// The print views of TT 01/2018's forms: Mẫu 01 (receipt), Mẫu 05 (control slip) and Mẫu 06
/// (register). Pages for people: a visitor who is not signed in is sent to the sign-in page;
/// a dossier the user may not see is a 404 page, as in the API.
struct FormHandlers: Sendable {
    let context: AppContext
    /// The place on the forms' place-and-date line.
    static let place = "Quảng Ngãi"
    /// Lines shown at most in one register page (a month of a busy desk fits).
    static let registerLimit = 5_000

    func receipt(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        let dossier = try visibleDossier(request, to: user)
        guard let receivedAt = dossier.receivedAt else {
            throw APIError.conflict("Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận và hẹn trả kết quả.")
        }
        let agencies = context.catalog.agencies
        let desk = agencies[dossier.deskAgencyID]
        let (procedure, registerNumber) = try context.database.read { connection -> (Row?, Int) in
            let procedure = try connection.queryOne("SELECT fee_vnd, documents FROM procedures WHERE code = ?",
                                                    [SQLiteValue(dossier.procedureCode)])
            let number = try connection.queryOne("""
                SELECT COUNT(*) AS n FROM dossiers
                WHERE desk_agency_id = ? AND received_at >= ? AND (received_at < ? OR (received_at = ? AND id <= ?))
                """, [SQLiteValue(dossier.deskAgencyID), SQLiteValue(String(receivedAt.prefix(4)) + "-01-01"),
                      SQLiteValue(receivedAt), SQLiteValue(receivedAt), SQLiteValue(dossier.id)])?.int("n") ?? 0
            return (procedure, number)
        }
        var form = ReceiptForm(
            dossier: dossier, deskName: desk?.name ?? "", deskParentName: desk?.parentID.flatMap { agencies[$0]?.name },
            place: Self.place, feeVND: try procedure?.optionalInt("fee_vnd"),
            documents: Self.documentLines(try procedure?.optionalString("documents")),
            registerBook: Int(receivedAt.prefix(4)) ?? 0, registerNumber: registerNumber,
            officerName: dossier.events.first { $0.action == "receive" || $0.action == "accept" }?.actorName ?? "")
        form.trackingURL = QRCodeSVG.trackingURL(code: dossier.code, request: request)
        return FormPage.response(title: "Mẫu 01 – \(dossier.code)", paper: .a5, sheets: form.sheets())
    }

    func controlSlip(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        let dossier = try visibleDossier(request, to: user)
        let agencies = context.catalog.agencies
        let desk = agencies[dossier.deskAgencyID]
        let form = ControlSlipForm(dossier: dossier, deskName: desk?.name ?? "",
                                   deskParentName: desk?.parentID.flatMap { agencies[$0]?.name },
                                   agencyNames: agencies.mapValues(\.name))
        return FormPage.response(title: "Mẫu 05 – \(dossier.code)", paper: .a5, sheets: [form.sheet()])
    }

    func register(_ request: Request) throws -> Response {
        guard let user = try WebSession.user(for: request, context: context) else { return WebSession.signInRedirect(for: request) }
        guard user.role != .citizen, user.role != .integration else { throw APIError.notFound() }
        var problems: [String: String] = [:]
        var deskID = user.agencyID
        if let text = request.query("agency_id") {
            deskID = Int(text)
            if deskID == nil { problems["agency_id"] = "Mã cơ quan phải là số nguyên." }
        }
        let today = VietnamTime.localDate(context.now())
        let from = Self.day(request.query("from"), field: "from", problems: &problems)
            ?? LocalDate(year: today.year, month: today.month, day: 1) ?? today
        let to = Self.day(request.query("to"), field: "to", problems: &problems) ?? today
        if from > to { problems["to"] = "Ngày kết thúc phải từ ngày bắt đầu trở đi." }
        if from.year != to.year { problems["to"] = "Sổ được đánh số theo năm: hãy chọn khoảng thời gian trong cùng một năm." }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        guard let deskID, let desk = context.catalog.agencies[deskID],
              user.seesWholeProvince || user.agencyID == deskID else { throw APIError.notFound() }

        let rows = try context.database.read { connection in
            try connection.query("""
                WITH book AS (
                    SELECT \(DossierStore.columns), ROW_NUMBER() OVER (ORDER BY d.received_at, d.id) AS number
                    FROM \(DossierStore.tables) WHERE d.desk_agency_id = ? AND d.received_at >= ? AND d.received_at < ?)
                SELECT * FROM book WHERE received_at >= ? AND received_at < ? ORDER BY number LIMIT ?
                """, [SQLiteValue(deskID), SQLiteValue("\(from.year)-01-01"), SQLiteValue("\(from.year + 1)-01-01"),
                      SQLiteValue(from.description), SQLiteValue(to.adding(days: 1).description),
                      SQLiteValue(Self.registerLimit + 1)])
        }
        let agencies = context.catalog.agencies
        let lines = try rows.prefix(Self.registerLimit).map { row in
            let dossier = try DossierStore.dossier(from: row)
            return RegisterForm.Line(number: try row.int("number"), dossier: dossier,
                                     agencyName: agencies[dossier.agencyID]?.name ?? "")
        }
        let form = RegisterForm(deskName: desk.name, deskParentName: desk.parentID.flatMap { agencies[$0]?.name },
                                from: Self.display(from), to: Self.display(to), lines: lines,
                                isTruncated: rows.count > Self.registerLimit)
        return FormPage.response(title: "Mẫu 06 – Sổ theo dõi hồ sơ", paper: .a4, sheets: [form.sheet()])
    }

    func visibleDossier(_ request: Request, to user: User) throws -> Dossier {
        let code = request.pathParameters["code"] ?? ""
        guard let dossier = try DossierStore(database: context.database).find(code: code), dossier.isVisible(to: user) else {
            throw APIError.notFound("Không tìm thấy hồ sơ.")
        }
        return dossier
    }

    /// The procedure's published documents (`[{"name","required","copies"}]`) as form lines.
    static func documentLines(_ json: String?) -> [ReceiptForm.DocumentLine] {
        guard let data = json?.data(using: .utf8),
              let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return items.compactMap { item in
            guard let name = item["name"] as? String else { return nil }
            let copies = (item["copies"] as? Int).map { "\($0) bản" } ?? (item["copies"] as? String) ?? "01 bản"
            let kind = (item["required"] as? Bool) == false ? " (nếu có)" : ""
            return ReceiptForm.DocumentLine(name: name + kind, copies: copies)
        }
    }

    static func day(_ text: String?, field: String, problems: inout [String: String]) -> LocalDate? {
        guard let text else { return nil }
        guard let day = LocalDate(iso: text) else {
            problems[field] = "Ngày không hợp lệ (dạng 2025-03-14)."
            return nil
        }
        return day
    }

    static func display(_ day: LocalDate) -> String {
        "\(day.day < 10 ? "0" : "")\(day.day)/\(day.month < 10 ? "0" : "")\(day.month)/\(day.year)"
    }
}
