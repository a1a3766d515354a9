#if canImport(Glibc)
import Glibc
#endif

/// A failed socket call, with the `errno` captured right after it.
public enum SocketError: Error, Equatable, Sendable, CustomStringConvertible {
    case failed(call: String, errno: Int32)
    /// The host is not a numeric IPv4 or IPv6 address.
    case invalidAddress(String)

    /// Captures `errno` for `call`; use immediately after the failing call.
    static func makeFailed(_ call: String) -> SocketError {
        .failed(call: call, errno: errno)
    }

    public var description: String {
        switch self {
        case let .failed(call, code):
            "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
        case let .invalidAddress(host):
            "invalid listen address: \(host)"
        }
    }
}
