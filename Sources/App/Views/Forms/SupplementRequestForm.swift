import Domain
import Foundation
import HTTP

/// Mẫu 02 *Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ* (TT 01/2018/TT-VPCP), A5: what the
/// applicant must add, all at once (NĐ 61 Đ15.3), and whom to ask.
struct SupplementRequestForm {
    /// One line of the table; `form` is the procedure's `form` of the document when it
    /// publishes one (`original`, `certified_copy`, `photocopy`), else the boxes stay blank
    /// for the officer to tick.
    struct DocumentLine {
        var name: String
        var copies: String
        var form: String?
    }

    var dossier: Dossier
    /// The `request_supplement` event printed.
    var event: Dossier.Event
    var agencyName: String
    var parentAgencyName: String?
    var place: String
    var documents: [DocumentLine]
    var reason: String?
    var officerPhone: String?

    func sheet() -> String {
        let e = HTML.escape
        let applicant = dossier.applicant
        let rows = documents.enumerated().map { index, line in
            let mark = { (form: String) in line.form == form ? "x" : "" }
            return """
            <tr><td class="num">\(index + 1)</td><td>\(e(line.name))</td><td class="num">\(e(line.copies))</td>\
            <td class="num">\(mark("original"))</td><td class="num">\(mark("certified_copy"))</td>\
            <td class="num">\(mark("photocopy"))</td></tr>
            """
        }.joined()
        let contact = [event.actorName, agencyName, officerPhone.map { "điện thoại \($0)" }]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        return """
        \(FormPage.heading(parentAgency: parentAgencyName, agency: agencyName, number: "Số: \(event.seq)/HDHS"))
        <p class="place-date">\(e(place)), \(e(FormText.longDate(event.at)))</p>
        <h1>PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ</h1>
        <p>Hồ sơ của: <b>\(e(applicant.fullName))</b></p>
        <p>Nội dung yêu cầu giải quyết: <b>\(e(dossier.procedureName))</b></p>
        <p>Mã hồ sơ: \(e(dossier.code))</p>
        <p>Địa chỉ: \(e(applicant.address ?? ""))</p>
        <p>Số điện thoại: \(e(applicant.phone)) · Thư điện tử: \(e(applicant.email ?? ""))</p>
        <p>Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:</p>
        <table class="grid"><thead>
        <tr><th rowspan="2">TT</th><th rowspan="2">Thành phần hồ sơ cần bổ sung, hoàn thiện</th><th rowspan="2">Số lượng</th>\
        <th colspan="3">Hình thức</th></tr>
        <tr><th>Bản chính</th><th>Bản chứng thực</th><th>Bản photo</th></tr>
        </thead><tbody>\(rows)</tbody></table>
        <p>Lý do: \(e(reason ?? "Hồ sơ còn thiếu hoặc chưa đúng các thành phần nêu trên theo quy định."))</p>
        <p>Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ: \(e(contact)) để được hướng dẫn.</p>
        <div class="signatures">
        <div></div>
        <div><div class="strong">NGƯỜI HƯỚNG DẪN</div><div class="small">(Ký và ghi rõ họ tên)</div><div class="signature-space"></div><div>\(e(event.actorName))</div></div>
        </div>
        """
    }
}
