import Domain
import Foundation
import HTTP

/// Mẫu 05 *Phiếu kiểm soát quá trình giải quyết hồ sơ* (TT 01/2018/TT-VPCP), A5, built from
/// the dossier's events: one row per hand-over, from the desk to the agency and back.
struct ControlSlipForm {
    var dossier: Dossier
    var deskName: String
    var deskParentName: String?
    /// Agency names by id, for the events' agencies.
    var agencyNames: [Int: String]

    func sheet() -> String {
        let e = HTML.escape
        let due = dossier.originalDueAt.flatMap(VietnamTime.parse)
        var rows: [String] = []
        var previous: Dossier.Event?
        for event in dossier.events {
            guard let at = VietnamTime.parse(event.at) else { continue }
            let agency = agencyNames[event.agencyID] ?? "Cơ quan \(event.agencyID)"
            let giver = previous.map { "\($0.actorName)" } ?? dossier.applicant.fullName
            let action = event.action == "receive"
                ? "Tiếp nhận hồ sơ"
                : DossierAction(rawValue: event.action)?.label ?? event.action
            let note = [action, event.note].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            rows.append("""
                <tr><td>\(e(agency))</td>
                <td>\(e(FormText.longTime(at)))<br>Người giao: \(e(giver))<br>Người nhận: \(e(event.actorName))</td>
                <td>\(e(FormText.timingLabel(at: at, due: due)))</td>
                <td>\(e(note))</td></tr>
                """)
            previous = event
        }
        return """
        \(FormPage.heading(parentAgency: deskParentName, agency: deskName, number: nil))
        <h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>
        <p>Mã hồ sơ: <b>\(e(dossier.code))</b></p>
        <p>Cơ quan (bộ phận) giải quyết hồ sơ: \(e(agencyNames[dossier.agencyID] ?? ""))</p>
        <p>Cơ quan phối hợp giải quyết hồ sơ: \(e(coordinatingAgencies()))</p>
        <p>Người nộp: \(e(dossier.applicant.fullName)) · Thủ tục: \(e(dossier.procedureName))</p>
        <p>Hẹn trả kết quả: \(e(FormText.longTime(dossier.originalDueAt)))</p>
        <table class="grid"><thead><tr><th>TÊN CƠ QUAN</th><th>THỜI GIAN GIAO, NHẬN HỒ SƠ</th><th>KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)</th><th>GHI CHÚ</th></tr></thead>
        <tbody>\(rows.joined())</tbody></table>
        """
    }

    /// Agencies that handled the dossier besides the desk and the responsible agency (liên thông).
    private func coordinatingAgencies() -> String {
        var seen: Set<Int> = [dossier.deskAgencyID, dossier.agencyID]
        var names: [String] = []
        for event in dossier.events where seen.insert(event.agencyID).inserted {
            names.append(agencyNames[event.agencyID] ?? "Cơ quan \(event.agencyID)")
        }
        return names.isEmpty ? "Không" : names.joined(separator: "; ")
    }
}
