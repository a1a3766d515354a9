import Foundation
import XCTest
@testable import App
import HTTP

/// Sign-in, cookies, CSRF and sign-out (API.md "Session and accounts").
final class SessionAPITests: AppTestCase {
    func testSignInReturnsTokenUserAndHttpOnlyLaxCookie() throws {
        let reply = try call("POST", "/api/v1/session", json: ["username": "centre", "password": Self.password])
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertNotNil(reply.json["token"] as? String)
        let user = try XCTUnwrap(reply.json["user"] as? [String: Any])
        XCTAssertEqual(user["username"] as? String, "centre")
        XCTAssertEqual(user["role"] as? String, "counter_officer")
        XCTAssertEqual(user["agency_id"] as? Int, users["centre"]?.agencyID)
        let cookie = try XCTUnwrap(reply.headers["Set-Cookie"])
        XCTAssertTrue(cookie.hasPrefix("motcua_session="))
        XCTAssertTrue(cookie.contains("HttpOnly"))
        XCTAssertTrue(cookie.contains("SameSite=Lax"))
        XCTAssertEqual(reply.headers["Cache-Control"], "no-store")
    }

    func testSessionTokenIsStoredOnlyAsItsHash() throws {
        let token = try token("centre")
        let stored = try application.database.read { connection in
            try connection.query("SELECT token_hash FROM sessions").map { try $0.blob("token_hash") }
        }
        XCTAssertTrue(stored.contains(SessionStore.tokenHash(token)))
        XCTAssertFalse(stored.contains(Array(token.utf8)))
    }

    func testWrongPasswordIs401AndRepeatedFailuresAre429() throws {
        for _ in 0..<LoginThrottle.maxFailures {
            let reply = try call("POST", "/api/v1/session", json: ["username": "centre", "password": "sai-mat-khau"])
            XCTAssertEqual(reply.status, 401)
            XCTAssertEqual(reply.errorCode, "unauthenticated")
        }
        let blocked = try call("POST", "/api/v1/session", json: ["username": "centre", "password": Self.password])
        XCTAssertEqual(blocked.status, 429)
        XCTAssertEqual(blocked.errorCode, "rate_limited")
    }

    func testRepeatedFailuresFromOneAddressAre429AcrossUsernamesAndConnections() throws {
        for index in 0..<LoginThrottle.maxFailures {
            let reply = try call("POST", "/api/v1/session", json: ["username": "doan-\(index)", "password": "x"])
            XCTAssertEqual(reply.status, 401)
        }
        // Every call above came on its own connection (its own port) from 127.0.0.1.
        let blocked = try call("POST", "/api/v1/session", json: ["username": "monitor", "password": Self.password])
        XCTAssertEqual(blocked.status, 429)
        XCTAssertEqual(SessionHandlers.host(of: "127.0.0.1:53211"), "127.0.0.1")
        XCTAssertEqual(SessionHandlers.host(of: "[::1]:8080"), "::1")
    }

    func testUnknownUserGetsTheSameMessageAsWrongPassword() throws {
        let unknown = try call("POST", "/api/v1/session", json: ["username": "khong-co", "password": "x"])
        let wrong = try call("POST", "/api/v1/session", json: ["username": "monitor", "password": "x"])
        XCTAssertEqual(unknown.status, 401)
        XCTAssertEqual(unknown.text, wrong.text)
    }

    func testMissingCredentialsAreValidationFailed() throws {
        let reply = try call("POST", "/api/v1/session", json: ["username": ""])
        XCTAssertEqual(reply.status, 422)
        XCTAssertEqual(Set(reply.fieldErrors.keys), ["username", "password"])
    }

    func testCookieAuthenticatedWriteNeedsTheCSRFToken() throws {
        let login = try call("POST", "/api/v1/session", json: ["username": "centre", "password": Self.password])
        let token = try XCTUnwrap(login.json["token"] as? String)
        let csrf = try XCTUnwrap(login.json["csrf_token"] as? String)
        let cookie = ["Cookie": "motcua_session=\(token)"]
        let without = try call("POST", "/api/v1/dossiers", json: counterIntake(), headers: cookie)
        XCTAssertEqual(without.status, 403)
        let wrong = try call("POST", "/api/v1/dossiers", json: counterIntake(), headers: cookie.merging(["X-CSRF-Token": "x"]) { $1 })
        XCTAssertEqual(wrong.status, 403)
        let with = try call("POST", "/api/v1/dossiers", json: counterIntake(), headers: cookie.merging(["X-CSRF-Token": csrf]) { $1 })
        XCTAssertEqual(with.status, 201, with.text)
        // Reads by cookie need no CSRF token.
        let code = try XCTUnwrap(with.json["code"] as? String)
        XCTAssertEqual(try call("GET", "/api/v1/dossiers/\(code)", headers: cookie).status, 200)
    }

    func testBearerSchemeIsCaseInsensitiveAndTheTokenIsTrimmedOfWhitespace() {
        func token(_ authorization: String) -> String? {
            let head = RequestHead(method: .get, target: "/", version: .http1_1,
                                   headers: ["Host": "x", "Authorization": authorization])
            guard case let .bearer(token)? = Authenticator.credential(of: Request(head: head)) else { return nil }
            return token
        }
        XCTAssertEqual(token("Bearer abc"), "abc")
        XCTAssertEqual(token("bEaReR abc"), "abc")
        XCTAssertEqual(token("Bearer  \tabc\t "), "abc")
        // CharacterSet.whitespaces semantics: Unicode space separators are trimmed too.
        XCTAssertEqual(token("Bearer \u{00A0}abc\u{2003}"), "abc")
        XCTAssertEqual(token("Bearer a b"), "a b")
        XCTAssertNil(token("Bearer \t "))
        XCTAssertNil(token("Basic abc"))
        XCTAssertNil(token("Bearerabc"))
    }

    func testSignOutRevokesTheTokenAtOnce() throws {
        let token = try token("centre")
        XCTAssertEqual(try call("GET", "/api/v1/stats/summary", token: token).status, 200)
        let out = try call("DELETE", "/api/v1/session", token: token)
        XCTAssertEqual(out.status, 204)
        XCTAssertTrue(out.headers["Set-Cookie"]?.contains("Max-Age=0") == true)
        XCTAssertEqual(try call("GET", "/api/v1/stats/summary", token: token).status, 401)
    }

    func testPasswordHashesUseTheStandardFormat() throws {
        let stored = try XCTUnwrap(try application.database.read {
            try $0.queryOne("SELECT password_hash FROM users WHERE username = 'centre'")?.string("password_hash")
        })
        XCTAssertTrue(stored.hasPrefix("pbkdf2-sha256$1000$"))
        XCTAssertTrue(PasswordHasher.verify(Self.password, against: stored))
        XCTAssertFalse(PasswordHasher.verify(Self.password + "x", against: stored))
        XCTAssertFalse(PasswordHasher.verify(Self.password, against: "pbkdf2-sha256$0$00$00"))
    }
}
