import Domain
import Foundation
import HTTP

/// Mẫu 04 *Phiếu xin lỗi và hẹn lại ngày trả kết quả* (TT 01/2018/TT-VPCP), A5: the processing
/// agency apologises for the delay, gives the reason and the one new date (NĐ 61 Đ19.9).
struct ApologyForm {
    var dossier: Dossier
    /// The `apologize` event printed.
    var event: Dossier.Event
    /// The processing agency, whose head signs.
    var agencyName: String
    var parentAgencyName: String?
    var deskName: String
    var place: String
    /// The appointment printed on Mẫu 01, and the new one.
    var originalDueAt: String?
    var newDueAt: Date?
    var reason: String

    func sheet() -> String {
        let e = HTML.escape
        let received = dossier.receivedAt.flatMap(VietnamTime.parse)
        return """
        \(FormPage.heading(parentAgency: parentAgencyName, agency: agencyName, number: "Mã hồ sơ: \(dossier.code)"))
        <p class="place-date">\(e(place)), \(e(FormText.longDate(event.at)))</p>
        <h1>PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ</h1>
        <p class="center">Kính gửi: Ông/Bà <b>\(e(dossier.applicant.fullName))</b></p>
        <p>Vào \(e(received.map(FormText.longDate) ?? "")), \
        \(e(deskName)) tiếp nhận hồ sơ của Ông/Bà, mã hồ sơ <b>\(e(dossier.code))</b>, đề nghị giải quyết thủ tục \
        <b>\(e(dossier.procedureName))</b>.</p>
        <p>Thời gian hẹn trả kết quả giải quyết hồ sơ: \(e(FormText.longTime(originalDueAt))).</p>
        <p>Tuy nhiên đến nay, \(e(agencyName)) chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hẹn như đã ghi trên \
        Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</p>
        <p>Lý do: \(e(reason))</p>
        <p>Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của Ông/Bà. \(e(agencyName)) xin lỗi Ông/Bà \
        và hẹn lại thời gian trả kết quả vào: <b>\(e(newDueAt.map(FormText.longTime) ?? ""))</b>.</p>
        <p>Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.</p>
        <div class="signatures">
        <div></div>
        <div><div class="strong">THỦ TRƯỞNG CƠ QUAN</div><div>\(e(agencyName))</div><div class="small">(Ký, ghi rõ họ tên và đóng dấu)</div><div class="signature-space"></div></div>
        </div>
        """
    }
}
