import Domain
import Foundation
import HTTP

/// Mẫu 03 *Phiếu từ chối tiếp nhận giải quyết hồ sơ* (TT 01/2018/TT-VPCP), A5: why the desk
/// does not receive the dossier, signed by the officer who refused it.
struct RefusalForm {
    var dossier: Dossier
    /// The `refuse` event printed.
    var event: Dossier.Event
    var agencyName: String
    var parentAgencyName: String?
    var place: String
    var legalBasis: String?
    var reason: String

    func sheet() -> String {
        let e = HTML.escape
        let applicant = dossier.applicant
        let basis = legalBasis.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        let basisLine = basis.map { "Căn cứ quy định tại \(e($0)), " } ?? "Căn cứ quy định của pháp luật về thủ tục hành chính, "
        return """
        \(FormPage.heading(parentAgency: parentAgencyName, agency: agencyName, number: "Mã hồ sơ: \(dossier.code)"))
        <p class="place-date">\(e(place)), \(e(FormText.longDate(event.at)))</p>
        <h1>PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ</h1>
        <p>\(e(agencyName)) tiếp nhận hồ sơ của: <b>\(e(applicant.fullName))</b></p>
        <p>Địa chỉ: \(e(applicant.address ?? "")) · Số điện thoại: \(e(applicant.phone))</p>
        <p>Nội dung yêu cầu giải quyết: <b>\(e(dossier.procedureName))</b></p>
        <p>\(basisLine)cơ quan, đơn vị từ chối tiếp nhận, giải quyết hồ sơ này.</p>
        <p>Lý do: \(e(reason))</p>
        <p>Xin thông báo để Ông/Bà được biết và thực hiện./.</p>
        <div class="signatures">
        <div></div>
        <div><div class="strong">NGƯỜI TIẾP NHẬN HỒ SƠ</div><div class="small">(Ký và ghi rõ họ tên)</div><div class="signature-space"></div><div>\(e(event.actorName))</div></div>
        </div>
        """
    }
}
