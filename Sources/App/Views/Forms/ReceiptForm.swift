import Domain
import Foundation
import HTTP

/// Mẫu 01 *Giấy tiếp nhận hồ sơ và hẹn trả kết quả* (TT 01/2018/TT-VPCP), A5, in two copies:
/// Liên 1 kept by the desk, Liên 2 handed to the applicant.
struct ReceiptForm {
    struct DocumentLine {
        var name: String
        var copies: String
    }

    var dossier: Dossier
    var deskName: String
    var deskParentName: String?
    var place: String
    var feeVND: Int?
    var documents: [DocumentLine]
    /// Quyển số (the year) and Số thứ tự in Mẫu 06 of the receiving desk.
    var registerBook: Int
    var registerNumber: Int
    var officerName: String

    func sheets() -> [String] {
        ["Liên 1: Lưu", "Liên 2: Giao người nộp"].map(sheet(copy:))
    }

    private func sheet(copy: String) -> String {
        let e = HTML.escape
        let applicant = dossier.applicant
        let rows = documents.enumerated().map { index, line in
            "<tr><td class=\"num\">\(index + 1)</td><td>\(e(line.name))</td><td class=\"num\">\(e(line.copies))</td></tr>"
        }.joined()
        let receivedAt = dossier.receivedAt.flatMap(VietnamTime.parse)
        let qrCode = QRCodeSVG.svg(for: trackingURL, label: "Mã QR tra cứu hồ sơ \(dossier.code)") ?? ""
        return """
        \(FormPage.heading(parentAgency: deskParentName, agency: deskName, number: "Mã hồ sơ: \(dossier.code)"))
        <p class="place-date">\(e(place)), \(receivedAt.map(FormText.longDate) ?? "")</p>
        <h1>GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ</h1>
        <p class="center">(\(e(copy)))</p>
        <p>\(e(deskName)) tiếp nhận hồ sơ của:</p>
        <p>Ông/Bà: <b>\(e(applicant.fullName))</b></p>
        <p>Địa chỉ: \(e(applicant.address ?? ""))</p>
        <p>Số điện thoại: \(e(applicant.phone)) · Thư điện tử: \(e(applicant.email ?? ""))</p>
        <p>Nội dung yêu cầu giải quyết: <b>\(e(dossier.procedureName))</b></p>
        <p>1. Thành phần hồ sơ nộp gồm:</p>
        <table class="grid"><thead><tr><th>TT</th><th>Tên giấy tờ</th><th>Bản chính / bản sao, số lượng</th></tr></thead>
        <tbody>\(rows.isEmpty ? "<tr><td colspan=\"3\">Theo danh mục thành phần hồ sơ của thủ tục.</td></tr>" : rows)</tbody></table>
        <p>2. Số lượng hồ sơ: 01 (bộ)</p>
        <p>3. Thời gian giải quyết hồ sơ theo quy định là: \(e(dossier.timeLimit.map(FormText.timeLimit) ?? ""))</p>
        <p>4. Thời gian nhận hồ sơ: \(e(FormText.longTime(dossier.receivedAt)))</p>
        <p>5. Thời gian trả kết quả giải quyết hồ sơ: \(e(FormText.longTime(dossier.dueAt)))</p>
        <p>6. Đăng ký nhận kết quả tại: \(e(FormText.returnPlace(channel: dossier.channel)))</p>
        <p>7. Phí, lệ phí: \(e(FormText.fee(feeVND)))</p>
        <p>Vào Sổ theo dõi hồ sơ, Quyển số: \(registerBook), Số thứ tự: \(registerNumber)</p>
        <div class="tracking">\(qrCode)<p class="small">Quét mã QR hoặc vào \(e(trackingURL)) để tra cứu tình trạng hồ sơ bằng mã hồ sơ và số căn cước của người nộp. Phản ánh, kiến nghị về việc giải quyết hồ sơ gửi qua mục Phản ánh, kiến nghị của hệ thống.</p></div>
        <div class="signatures">
        <div><div class="strong">NGƯỜI NỘP HỒ SƠ</div><div class="small">(Ký và ghi rõ họ tên)</div><div class="signature-space"></div><div>\(e(applicant.fullName))</div></div>
        <div><div class="strong">NGƯỜI TIẾP NHẬN HỒ SƠ</div><div class="small">(Ký và ghi rõ họ tên)</div><div class="signature-space"></div><div>\(e(officerName))</div></div>
        </div>
        """
    }

    /// The public tracking page of the dossier, encoded in the QR code (BRIEF "Dossier codes").
    var trackingURL = "/tra-cuu"
}
