import Domain
import Foundation
import HTTP

/// `POST /api/v1/session` (sign in) and `DELETE /api/v1/session` (sign out).
struct SessionHandlers: Sendable {
    let context: AppContext

    func create(_ request: Request) throws -> Response {
        let now = context.now()
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let username = body.requiredString("username", label: "tên đăng nhập", problems: &problems)
        let password = body.object["password"] as? String
        if password == nil || password?.isEmpty == true { problems["password"] = "Vui lòng nhập mật khẩu." }
        guard problems.isEmpty, let username, let password else { throw APIError.validationFailed(problems) }
        let (token, session) = try signIn(username: username, password: password, request: request, now: now)
        var response = JSONResponse.make { json in
            json.beginObject()
            json.key("token"); json.string(token)
            json.key("csrf_token"); json.string(session.csrfToken)
            json.key("expires_at"); json.string(VietnamTime.format(session.expiresAt))
            json.key("user"); session.user.writeJSON(into: &json)
            json.endObject()
        }
        response.headers.add("Set-Cookie", cookie(value: token, maxAge: Int(context.configuration.sessionLifetime)))
        response.headers.add("Cache-Control", "no-store")
        return response
    }

    /// Checks the password (with throttling per username and per address) and opens a session;
    /// shared by the API and the sign-in page. Throws 401 or 429.
    func signIn(username: String, password: String, request: Request, now: Date) throws -> (token: String, session: SessionStore.Session) {
        guard password.utf8.count <= 1024 else { throw APIError.unauthenticatedLogin }
        let keys = ["user:" + username.lowercased(), "address:" + Self.host(of: request.remoteAddress)]
        if context.loginThrottle.isBlocked(keys, now: now) { throw APIError.rateLimited() }
        guard let credentials = try context.users.credentials(username: username), credentials.isActive,
              PasswordHasher.verify(password, against: credentials.passwordHash) else {
            context.loginThrottle.recordFailure(keys, now: now)
            throw APIError.unauthenticatedLogin
        }
        context.loginThrottle.recordSuccess([keys[0]])
        return try context.sessions.create(for: credentials.user, now: now)
    }

    func delete(_ request: Request) throws -> Response {
        let now = context.now()
        // Validates the credential (and the CSRF token for a cookie) before revoking it.
        _ = try Authenticator(sessions: context.sessions).requireUser(for: request, now: now)
        if let credential = Authenticator.credential(of: request) {
            try context.sessions.delete(token: credential.token)
        }
        var response = Response(status: 204)
        response.headers.add("Set-Cookie", cookie(value: "", maxAge: 0))
        return response
    }

    /// The address part of "ip:port" or "[ipv6]:port": throttling counts per client address,
    /// not per connection.
    static func host(of remoteAddress: String) -> String {
        if remoteAddress.hasPrefix("["), let close = remoteAddress.firstIndex(of: "]") {
            return String(remoteAddress[remoteAddress.index(after: remoteAddress.startIndex)..<close])
        }
        guard let colon = remoteAddress.lastIndex(of: ":") else { return remoteAddress }
        return String(remoteAddress[..<colon])
    }

    func cookie(value: String, maxAge: Int) -> String {
        var cookie = "\(Authenticator.cookieName)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Lax"
        if context.configuration.secureCookies { cookie += "; Secure" }
        return cookie
    }
}

extension APIError {
    /// Wrong username or password: one message for both, so accounts cannot be enumerated.
    static let unauthenticatedLogin = APIError(
        status: 401, code: "unauthenticated", message: "Tên đăng nhập hoặc mật khẩu không đúng.")
}
