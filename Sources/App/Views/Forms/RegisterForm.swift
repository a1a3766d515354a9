import Domain
import Foundation
import HTTP

/// Mẫu 06 *Sổ theo dõi hồ sơ* (TT 01/2018/TT-VPCP), A4 landscape: one line per dossier the
/// desk received, numbered continuously through the year.
struct RegisterForm {
    struct Line {
        var number: Int
        var dossier: Dossier
        var agencyName: String
    }

    var deskName: String
    var deskParentName: String?
    var from: String
    var to: String
    var lines: [Line]
    var isTruncated: Bool

    func sheet() -> String {
        let e = HTML.escape
        let rows = lines.map { line -> String in
            let d = line.dossier
            let contact = [d.applicant.address, d.applicant.phone].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " – ")
            return """
            <tr><td class="num">\(line.number)</td><td>\(e(d.code))</td><td>\(e(d.procedureName))</td><td>\(e(d.applicant.fullName))</td>
            <td>\(e(contact))</td><td>\(e(line.agencyName))</td><td>\(e(FormText.shortDate(d.receivedAt)))</td>
            <td>\(e(FormText.shortDate(d.dueAt)))</td><td>\(e(d.status == .returned ? FormText.shortDate(d.finishedAt) : ""))</td>
            <td>\(e(FormText.returnPlace(channel: d.channel)))</td><td></td></tr>
            """
        }.joined()
        return """
        \(FormPage.heading(parentAgency: deskParentName, agency: deskName, number: nil))
        <h1>SỔ THEO DÕI HỒ SƠ</h1>
        <p class="center">Từ ngày \(e(from)) đến ngày \(e(to))</p>
        <table class="grid register"><thead>
        <tr><th rowspan="2">TT</th><th rowspan="2">Mã hồ sơ</th><th rowspan="2">Tên TTHC</th><th rowspan="2">Tên cá nhân, tổ chức</th>
        <th rowspan="2">Địa chỉ, số điện thoại</th><th rowspan="2">Cơ quan chủ trì giải quyết</th><th colspan="3">Ngày, tháng, năm</th>
        <th rowspan="2">Phương thức nhận kết quả</th><th rowspan="2">Ký nhận</th></tr>
        <tr><th>Nhận hồ sơ</th><th>Hẹn trả kết quả</th><th>Trả kết quả</th></tr>
        <tr class="column-numbers"><td>(1)</td><td>(2)</td><td>(3)</td><td>(4)</td><td>(5)</td><td>(6)</td><td>(7)</td><td>(8)</td><td>(9)</td><td>(10)</td><td>(11)</td></tr>
        </thead><tbody>\(rows.isEmpty ? "<tr><td colspan=\"11\">Không có hồ sơ tiếp nhận trong kỳ.</td></tr>" : rows)</tbody></table>
        \(isTruncated ? "<p class=\"screen-only\">Sổ chỉ hiển thị \(lines.count) dòng đầu; hãy chọn khoảng thời gian ngắn hơn.</p>" : "")
        """
    }
}
