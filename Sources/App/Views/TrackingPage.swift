import Domain
import Foundation
import HTTP

/// The public tracking page (`/tra-cuu`): a plain GET form for the dossier code and the
/// applicant's CCCD number, and the dossier's progress without personal data. Mẫu 01's QR
/// code lands here with the code filled in.
enum TrackingPage {
    /// The answer to a lookup: the dossier, or a message for the alert line.
    enum Outcome {
        case none
        case found(Dossier, timing: Timing?)
        case problem(String)
    }

    static func response(status: Int = 200, code: String, idNumber: String, outcome: Outcome) -> Response {
        let e = HTML.escape
        var alert = ""
        var result = ""
        switch outcome {
        case .none:
            break
        case let .problem(message):
            alert = "<p class=\"alert\" role=\"alert\">\(e(message))</p>"
        case let .found(dossier, timing):
            result = Self.result(dossier, timing: timing)
        }
        var response = Layout.response(status: status, title: "Tra cứu hồ sơ", body: """
        <section class="card">
        <h1>Tra cứu tình trạng hồ sơ</h1>
        <p>Nhập mã hồ sơ (in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả) và số CCCD/định danh cá nhân của người nộp.</p>
        \(alert)
        <form method="get" action="/tra-cuu">
        <p><label for="ma">Mã hồ sơ</label>
        <input id="ma" name="ma" value="\(e(code))" required autocomplete="off"></p>
        <p><label for="cccd">Số CCCD/định danh cá nhân của người nộp</label>
        <input id="cccd" name="cccd" value="\(e(idNumber))" inputmode="numeric" required autocomplete="off"></p>
        <p><button type="submit">Tra cứu</button></p>
        </form>
        \(result)
        </section>
        """)
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    private static func result(_ dossier: Dossier, timing: Timing?) -> String {
        let e = HTML.escape
        let steps = dossier.events.map { event in
            let label = event.action == "receive" ? "Tiếp nhận hồ sơ" : DossierAction(rawValue: event.action)?.label ?? event.action
            return "<tr><td>\(e(FormText.longTime(event.at)))</td><td>\(e(label))</td></tr>"
        }.joined()
        return """
        <section class="tracking-result" aria-live="polite">
        <h2>Hồ sơ \(e(dossier.code))</h2>
        <table>
        <tr><th scope="row">Thủ tục</th><td>\(e(dossier.procedureName))</td></tr>
        <tr><th scope="row">Trạng thái</th><td><b>\(e(dossier.status.label))</b></td></tr>
        <tr><th scope="row">Ngày tiếp nhận</th><td>\(e(FormText.longTime(dossier.receivedAt)))</td></tr>
        <tr><th scope="row">Hẹn trả kết quả</th><td>\(e(FormText.longTime(dossier.dueAt)))</td></tr>
        <tr><th scope="row">Tiến độ</th><td>\(e(timing?.label ?? ""))</td></tr>
        </table>
        <h2>Quá trình xử lý</h2>
        <table><thead><tr><th>Thời gian</th><th>Bước</th></tr></thead><tbody>\(steps)</tbody></table>
        </section>
        """
    }
}
