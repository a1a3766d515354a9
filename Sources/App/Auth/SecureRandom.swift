import Foundation

/// Bytes from the operating system's random source. On Linux the standard library's
/// `SystemRandomNumberGenerator` reads getrandom(2), the kernel's cryptographically secure
/// generator.
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var result: [UInt8] = []
        result.reserveCapacity(count + 8)
        while result.count < count {
            withUnsafeBytes(of: generator.next()) { result.append(contentsOf: $0) }
        }
        return Array(result.prefix(count))
    }
    /// A URL-safe token of `byteCount` random bytes (base64url, no padding).
    static func token(byteCount: Int = 32) -> String {
        Data(bytes(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
