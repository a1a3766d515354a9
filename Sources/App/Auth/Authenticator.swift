import Foundation
import HTTP
import Hashing

/// Who is calling: a Bearer token (API clients) or the session cookie (browsers). A
/// state-changing request authenticated by cookie must carry the session's CSRF token in
/// `X-CSRF-Token` (or the `_csrf` form field); a Bearer request need not (API.md).
struct Authenticator: Sendable {
    static let cookieName = "motcua_session"
    let sessions: SessionStore

    enum Credential {
        case bearer(String)
        case cookie(String)

        var token: String {
            switch self {
            case .bearer(let token), .cookie(let token): token
            }
        }
    }

    static func credential(of request: Request) -> Credential? {
        if let header = request.headers["Authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1)
            // RFC 9110 §11.1: the scheme is case-insensitive.
            if parts.count == 2, String(parts[0]).equalsIgnoringASCIICase("bearer") {
                let token = trimmingWhitespace(parts[1])
                return token.isEmpty ? nil : .bearer(String(token))
            }
            return nil
        }
        if let token = request.cookies[cookieName], !token.isEmpty { return .cookie(token) }
        return nil
    }

    /// `text` without leading and trailing whitespace in the sense of
    /// `CharacterSet.whitespaces` (tab and the space separators, Unicode category Zs), without
    /// Foundation's bridging through `NSString`, which cost more than the rest of this type.
    static func trimmingWhitespace(_ text: Substring) -> Substring.UnicodeScalarView {
        func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        var scalars = text.unicodeScalars
        while let first = scalars.first, isWhitespace(first) { scalars.removeFirst() }
        while let last = scalars.last, isWhitespace(last) { scalars.removeLast() }
        return scalars
    }

    /// The caller, or nil when no valid credential came with the request. A cookie-authenticated
    /// unsafe request without the right CSRF token is refused with 403.
    func user(for request: Request, now: Date) throws -> User? {
        guard let credential = Self.credential(of: request) else { return nil }
        guard let session = try sessions.session(token: credential.token, now: now) else {
            // A Bearer token that is wrong is an authentication failure, not an anonymous call.
            if case .bearer = credential { throw APIError.unauthenticated }
            return nil
        }
        if case .cookie = credential, !Self.isSafe(request.method) {
            let sent = request.headers["X-CSRF-Token"] ?? request.formField("_csrf")
            guard let sent, constantTimeEquals(Array(sent.utf8), Array(session.csrfToken.utf8)) else {
                throw APIError.forbidden("Phiên làm việc không hợp lệ (thiếu mã chống giả mạo CSRF). Vui lòng tải lại trang.")
            }
        }
        return session.user
    }

    /// The caller, or 401.
    func requireUser(for request: Request, now: Date) throws -> User {
        guard let user = try user(for: request, now: now) else { throw APIError.unauthenticated }
        return user
    }

    static func isSafe(_ method: HTTPMethod) -> Bool {
        method == .get || method == .head || method == .options
    }
}
