import Hashing

/// Password storage with PBKDF2-HMAC-SHA256 (RFC 8018), encoded as
/// `pbkdf2-sha256$<iterations>$<salt hex>$<key hex>`.
///
/// 600,000 iterations is OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; the count is
/// stored with each hash, so it can be raised later without invalidating old passwords.
public struct PasswordHasher: Sendable {
    public static let recommendedIterations = 600_000
    public var iterations: Int

    public init(iterations: Int = PasswordHasher.recommendedIterations) {
        self.iterations = iterations
    }

    public func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(16)
        let key = PBKDF2.sha256(password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: 32)
        return "pbkdf2-sha256$\(iterations)$\(Hex.encode(salt))$\(Hex.encode(key))"
    }

    /// True when `password` matches `stored`; false for a malformed stored value.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256",
              let iterations = Int(parts[1]), iterations > 0, iterations <= 10_000_000,
              let salt = Hex.decode(String(parts[2])), let expected = Hex.decode(String(parts[3])),
              !expected.isEmpty
        else { return false }
        let key = PBKDF2.sha256(password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: expected.count)
        return constantTimeEquals(key, expected)
    }
}
