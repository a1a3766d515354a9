#if canImport(Glibc)
import Glibc
#endif

/// Thin wrappers over the POSIX socket calls the server uses. Every descriptor made here is
/// non-blocking and close-on-exec.
enum Socket {
    /// Creates a listening TCP socket bound to a numeric `host` and `port` (0: ephemeral),
    /// with `SO_REUSEADDR`. Returns the descriptor and the bound port.
    static func makeListener(host: String, port: Int, backlog: Int32 = 4096) throws(SocketError) -> (fd: Int32, port: Int) {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            family = AF_INET
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let sin = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                sin.pointee.sin_family = sa_family_t(AF_INET)
                sin.pointee.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
                sin.pointee.sin_addr = v4
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            family = AF_INET6
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            withUnsafeMutableBytes(of: &storage) { raw in
                let sin6 = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                sin6.pointee.sin6_family = sa_family_t(AF_INET6)
                sin6.pointee.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
                sin6.pointee.sin6_addr = v6
            }
        } else {
            throw .invalidAddress(host)
        }

        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .makeFailed("socket") }
        var one: Int32 = 1
        guard setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            let error = SocketError.makeFailed("setsockopt(SO_REUSEADDR)")
            close(fd)
            throw error
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let error = SocketError.makeFailed("bind")
            close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0 else {
            let error = SocketError.makeFailed("listen")
            close(fd)
            throw error
        }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        guard named == 0 else {
            let error = SocketError.makeFailed("getsockname")
            close(fd)
            throw error
        }
        return (fd, Socket.port(of: actual))
    }

    /// Enables `TCP_NODELAY`: responses are written whole, so Nagle only adds latency.
    static func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        // A failure only costs latency, so it is ignored.
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    static func port(of storage: sockaddr_storage) -> Int {
        var copy = storage
        return withUnsafeBytes(of: &copy) { raw -> Int in
            switch Int32(storage.ss_family) {
            case AF_INET: Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: 0
            }
        }
    }

    /// "ip:port" (IPv6 as "[ip]:port") for logs; empty for other families.
    static func describe(_ storage: sockaddr_storage) -> String {
        var copy = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let port = Socket.port(of: storage)
        return withUnsafeMutableBytes(of: &copy) { raw -> String in
            guard let base = raw.baseAddress else { return "" }
            switch Int32(storage.ss_family) {
            case AF_INET:
                let sin = base.assumingMemoryBound(to: sockaddr_in.self)
                guard inet_ntop(AF_INET, &sin.pointee.sin_addr, &text, socklen_t(text.count)) != nil else { return "" }
                return cString(text) + ":" + String(port)
            case AF_INET6:
                let sin6 = base.assumingMemoryBound(to: sockaddr_in6.self)
                guard inet_ntop(AF_INET6, &sin6.pointee.sin6_addr, &text, socklen_t(text.count)) != nil else { return "" }
                return "[" + cString(text) + "]:" + String(port)
            default:
                return ""
            }
        }
    }

    private static func cString(_ text: [CChar]) -> String {
        let bytes = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
