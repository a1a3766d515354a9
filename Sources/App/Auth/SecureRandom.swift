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
    /// A URL-safe token of `byteCount` random bytes (base64url, RFC 4648 §5, no padding) that
    /// begins with a letter or digit: a leading `-` reads as an option to command-line tools
    /// (the bench kit passes the token as `--token VALUE`, and argparse refused one). Drawing
    /// again in that case (1 in 32) takes under 0.05 bits from the first character.
    static func token(byteCount: Int = 32) -> String {
        while true {
            let token = Data(bytes(byteCount)).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            if let first = token.unicodeScalars.first, first != "-", first != "_" { return token }
        }
    }
}
