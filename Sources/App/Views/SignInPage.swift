import HTTP

/// The sign-in page for officers and citizens: a plain form that works without JavaScript.
enum SignInPage {
    static func response(status: Int = 200, csrf: String, next: String, username: String, error: String?) -> Response {
        let e = HTML.escape
        let alert = error.map { "<p class=\"alert\" role=\"alert\">\(e($0))</p>" } ?? ""
        var response = Layout.response(status: status, title: "Đăng nhập", body: """
        <section class="card narrow">
        <h1>Đăng nhập</h1>
        \(alert)
        <form method="post" action="/dang-nhap">
        <input type="hidden" name="_csrf" value="\(e(csrf))">
        <input type="hidden" name="next" value="\(e(next))">
        <p><label for="username">Tên đăng nhập (cán bộ) hoặc số căn cước (công dân)</label>
        <input id="username" name="username" value="\(e(username))" autocomplete="username" required autofocus></p>
        <p><label for="password">Mật khẩu</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Đăng nhập</button></p>
        </form>
        </section>
        """)
        response.headers.add("Cache-Control", "no-store")
        return response
    }
}
