import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bytes from the operating system's random source (getrandom(2)).
enum SecureRandom {
    static func bytes(_ count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = result.withUnsafeMutableBytes { buffer in
                getrandom(buffer.baseAddress!.advanced(by: filled), count - filled, 0)
            }
            if got > 0 {
                filled += got
            } else if errno != EINTR {
                // getrandom only fails this way on kernels older than 3.17; without a random
                // source no secret can be made, so stopping is the only safe answer.
                preconditionFailure("getrandom failed: errno \(errno)")
            }
        }
        return result
    }

    /// A URL-safe token of `byteCount` random bytes (base64url, no padding).
    static func token(byteCount: Int = 32) -> String {
        Data(bytes(byteCount)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
