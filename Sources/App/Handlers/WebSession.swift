import Foundation
import HTTP

/// Signing in and out from the browser without JavaScript (`/dang-nhap`, `/dang-xuat`), and
/// the page-side checks shared by the HTML views.
///
/// The sign-in form is protected against login CSRF by a double-submit token: the page sets
/// a random value in a short-lived cookie and in a hidden field, and the POST must carry both
/// equal. After sign-in, the session's own CSRF token guards every form.
struct WebSession: Sendable {
    let context: AppContext
    static let loginCookie = "motcua_login_csrf"

    /// The signed-in user of a page request, or nil (the caller redirects to sign-in).
    static func user(for request: Request, context: AppContext) throws -> User? {
        try Authenticator(sessions: context.sessions).user(for: request, now: context.now())
    }

    /// 303 to the sign-in page, coming back to this page afterwards.
    static func signInRedirect(for request: Request) -> Response {
        // RFC 3986 unreserved characters and "/" stay readable in the query value.
        let next = PercentEncoding.encode(request.head.target) { PercentEncoding.isUnreserved($0) || $0 == UInt8(ascii: "/") }
        return Response(status: 303, headers: ["Location": "/dang-nhap?next=\(next)", "Cache-Control": "no-store"])
    }

    /// Only a path of this site: "/…" but not "//…" (another host) nor a backslash trick.
    static func safeNext(_ text: String?) -> String {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
              !text.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return "/" }
        return text
    }

    func form(_ request: Request) throws -> Response {
        let token = SecureRandom.token(byteCount: 18)
        var response = SignInPage.response(csrf: token, next: Self.safeNext(request.query("next")), username: "", error: nil)
        response.headers.add("Set-Cookie", "\(Self.loginCookie)=\(token); Path=/dang-nhap; Max-Age=3600; HttpOnly; SameSite=Strict"
                             + (context.configuration.secureCookies ? "; Secure" : ""))
        return response
    }

    func submit(_ request: Request) throws -> Response {
        let username = request.formField("username")?.trimmingCharacters(in: .whitespaces) ?? ""
        let next = Self.safeNext(request.formField("next"))
        let sent = request.formField("_csrf") ?? ""
        guard let expected = request.cookie(Self.loginCookie), !sent.isEmpty, sent == expected else {
            return SignInPage.response(status: 403, csrf: sent, next: next, username: username,
                                       error: "Phiên đăng nhập đã hết hạn. Vui lòng tải lại trang và thử lại.")
        }
        let password = request.formField("password") ?? ""
        guard !username.isEmpty, !password.isEmpty else {
            return SignInPage.response(status: 422, csrf: sent, next: next, username: username,
                                       error: "Vui lòng nhập tên đăng nhập và mật khẩu.")
        }
        let signedIn: (token: String, session: SessionStore.Session)
        do {
            signedIn = try SessionHandlers(context: context).signIn(username: username, password: password, request: request, now: context.now())
        } catch let error as APIError {
            return SignInPage.response(status: error.status, csrf: sent, next: next, username: username, error: error.message)
        }
        var response = Response(status: 303, headers: ["Location": next, "Cache-Control": "no-store"])
        response.headers.add("Set-Cookie", SessionHandlers(context: context).cookie(value: signedIn.token,
                                                                                      maxAge: Int(context.configuration.sessionLifetime)))
        response.headers.add("Set-Cookie", "\(Self.loginCookie)=; Path=/dang-nhap; Max-Age=0; HttpOnly; SameSite=Strict")
        return response
    }

    /// POST /dang-xuat with the session's CSRF token in `_csrf`.
    func signOut(_ request: Request) throws -> Response {
        if try Self.user(for: request, context: context) != nil, let credential = Authenticator.credential(of: request) {
            try context.sessions.delete(token: credential.token)
        }
        var response = Response(status: 303, headers: ["Location": "/", "Cache-Control": "no-store"])
        response.headers.add("Set-Cookie", SessionHandlers(context: context).cookie(value: "", maxAge: 0))
        return response
    }
}
