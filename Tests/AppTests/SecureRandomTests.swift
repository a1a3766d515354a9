import XCTest
@testable import App

/// `SecureRandom.token`: base64url without padding, of the requested length, never starting
/// with `-` or `_` (a leading `-` reads as an option on a command line).
final class SecureRandomTests: XCTestCase {
    func testTokensAreUnpaddedBase64URLThatStartWithALetterOrDigit() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".unicodeScalars)
        let alphanumeric = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)
        var tokens = Set<String>()
        // Without the rule, one in 32 would start with `-` or `_`: among 4,000, none would with
        // probability (62/64)^4000, about 1e-55.
        for _ in 0..<4_000 {
            let token = SecureRandom.token()
            XCTAssertEqual(token.count, 43, token)   // 32 bytes: ceil(32 * 4 / 3)
            XCTAssertTrue(token.unicodeScalars.allSatisfy(alphabet.contains), token)
            XCTAssertTrue(token.unicodeScalars.first.map(alphanumeric.contains) ?? false, token)
            tokens.insert(token)
        }
        XCTAssertEqual(tokens.count, 4_000, "no token repeats")
        XCTAssertEqual(SecureRandom.token(byteCount: 18).count, 24)
    }
}
