import HTTP

/// The frame of a printable form (TT 01/2018 Đ9–10): A5 for Mẫu 01–05, A4 for Mẫu 06, the
/// agency header on the left and the national motto on the right, and nothing else of the
/// site, so that the browser's print (Ctrl+P) gives the paper form.
enum FormPage {
    enum Paper: String {
        case a5 = "A5"
        case a4 = "A4"
    }

    /// A whole page; `sheets` are already-escaped HTML, each printed on its own sheet.
    static func response(title: String, paper: Paper, sheets: [String]) -> Response {
        let body = sheets.map { "<article class=\"sheet\">\($0)</article>" }.joined(separator: "\n")
        let paperName = paper.rawValue.lowercased()
        let html = Layout.document(
            title: title, stylesheets: ["/static/print.css", "/static/print-\(paperName).css"], bodyClass: "paper-\(paperName)",
            body: """
            <p class="screen-only">Mẫu in khổ \(paper.rawValue). Dùng lệnh In của trình duyệt (Ctrl+P) để in hoặc lưu thành PDF.</p>
            \(body)
            """)
        var response = Response.text(html, status: 200, contentType: "text/html; charset=utf-8")
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// The two-column heading of every form: the agency (and its parent) on the left, the
    /// national motto on the right, with the form's number under the agency.
    static func heading(parentAgency: String?, agency: String, number: String?) -> String {
        """
        <header class="form-heading">
        <div class="form-agency">\(parentAgency.map { "<div>\(HTML.escape($0.uppercased()))</div>" } ?? "")
        <div class="strong">\(HTML.escape(agency.uppercased()))</div>\(number.map { "<div>\(HTML.escape($0))</div>" } ?? "")</div>
        <div class="form-motto"><div class="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
        <div class="underlined">Độc lập - Tự do - Hạnh phúc</div></div>
        </header>
        """
    }
}
