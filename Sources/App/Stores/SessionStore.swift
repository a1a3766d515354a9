import Domain
import Foundation
import HTTP
import Hashing
import Storage

/// Sessions: random tokens handed to the client, stored only as their SHA-256, with expiry.
///
/// Lookups are cached in memory for a few seconds, since every API request authenticates;
/// deleting a session evicts it from the cache at once, so sign-out is immediate in this
/// process.
final class SessionStore: Sendable {
    struct Session: Sendable {
        var user: User
        var csrfToken: String
        var expiresAt: Date
    }

    let database: Database
    let lifetime: TimeInterval
    private let cache = Locked<[String: (session: Session, cachedAt: Date)]>([:])
    private static let cacheSeconds: TimeInterval = 5

    init(database: Database, lifetime: TimeInterval) {
        self.database = database
        self.lifetime = lifetime
    }

    static func tokenHash(_ token: String) -> [UInt8] { SHA256.hash(Array(token.utf8)) }

    /// Creates a session; returns the token (shown to the client once) and the session.
    func create(for user: User, now: Date, lifetime: TimeInterval? = nil) throws -> (token: String, session: Session) {
        let token = SecureRandom.token()
        let session = Session(user: user, csrfToken: SecureRandom.token(byteCount: 24),
                              expiresAt: now.addingTimeInterval(lifetime ?? self.lifetime))
        try database.write { connection in
            try connection.run("""
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """, [SQLiteValue(Self.tokenHash(token)), SQLiteValue(user.id), SQLiteValue(session.csrfToken),
                      SQLiteValue(VietnamTime.format(now)), SQLiteValue(VietnamTime.format(session.expiresAt))])
        }
        return (token, session)
    }

    /// The live session of `token`, or nil (unknown, expired, or account disabled).
    func session(token: String, now: Date) throws -> Session? {
        if let cached = cache.withLock({ $0[token] }), now.timeIntervalSince(cached.cachedAt) < Self.cacheSeconds {
            return cached.session.expiresAt > now ? cached.session : nil
        }
        let found: Session? = try database.read { connection -> Session? in
            guard let row = try connection.queryOne("""
                SELECT u.id, u.username, u.full_name, u.role, u.agency_id, u.id_number, s.csrf_token, s.expires_at
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = ? AND u.is_active = 1
                """, [SQLiteValue(Self.tokenHash(token))]) else { return nil }
            guard let expires = VietnamTime.parse(try row.string("expires_at")) else { return nil }
            return Session(user: try UserStore.user(from: row), csrfToken: try row.string("csrf_token"), expiresAt: expires)
        }
        guard let found, found.expiresAt > now else {
            cache.withLock { _ = $0.removeValue(forKey: token) }
            return nil
        }
        cache.withLock { cache in
            if cache.count > 50_000 { cache.removeAll(keepingCapacity: true) }
            cache[token] = (found, now)
        }
        return found
    }

    /// Forgets cached sessions of `userID`, after its account was deactivated or changed, so
    /// the change applies to its next request.
    func evict(userID: Int) {
        cache.withLock { cache in cache = cache.filter { $0.value.session.user.id != userID } }
    }

    func delete(token: String) throws {
        cache.withLock { _ = $0.removeValue(forKey: token) }
        try database.write { connection in
            try connection.run("DELETE FROM sessions WHERE token_hash = ?", [SQLiteValue(Self.tokenHash(token))])
        }
    }
}
