import HTTP

/// The page frame shared by every HTML view: Vietnamese, mobile-first, one stylesheet.
enum Layout {
    /// A whole page of the site; `body` must already be escaped HTML.
    static func page(title: String, body: String) -> String {
        document(title: title, stylesheets: ["/static/app.css"], bodyClass: nil, body: """
        <header class="site-header"><a href="/" class="brand">MotCua · Bộ phận Một cửa</a></header>
        <main id="main">
        \(body)
        </main>
        <footer class="site-footer">Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Quảng Ngãi</footer>
        """)
    }

    /// The HTML document around any page (the site's, or a printable form's): Vietnamese,
    /// mobile viewport, the given stylesheets. `body` must already be escaped HTML.
    static func document(title: String, stylesheets: [String], bodyClass: String?, body: String) -> String {
        let links = stylesheets.map { "<link rel=\"stylesheet\" href=\"\($0)\">" }.joined(separator: "\n")
        return """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) – MotCua</title>
        \(links)
        </head>
        <body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>
        \(body)
        </body>
        </html>
        """
    }

    static func response(status: Int = 200, title: String, body: String) -> Response {
        Response.text(page(title: title, body: body), status: status, contentType: "text/html; charset=utf-8")
    }
}
