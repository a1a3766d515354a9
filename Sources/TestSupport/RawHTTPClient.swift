import Foundation
import HTTP
#if canImport(Glibc)
import Glibc
#endif

/// Why the raw client stopped.
public enum RawHTTPClientError: Error, Equatable {
    case socketFailed(call: String, errno: Int32)
    /// No byte arrived within the receive timeout.
    case timedOut(received: [UInt8])
    /// The server closed before a complete response.
    case closedByPeer(received: [UInt8])
    case malformedResponse(String)
}

/// A response as read off the wire.
public struct RawResponse {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// The bytes of the head exactly as received, including the final CRLF CRLF.
    public var rawHead: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking TCP client that writes exact bytes and reads exact responses, for integration
/// tests against the real server. Every read has a timeout, so a broken server fails a test
/// instead of hanging it.
public final class RawHTTPClient {
    public private(set) var fd: Int32
    /// Bytes received and not yet returned.
    private var buffer: [UInt8] = []

    public init(port: Int, host: String = "127.0.0.1", timeout: Duration = .seconds(10)) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPClientError.socketFailed(call: "socket", errno: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(fd)
            throw RawHTTPClientError.socketFailed(call: "connect", errno: code)
        }
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close() }

    /// Closes the socket; later calls fail with EBADF.
    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    // MARK: - Writing

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let written = Glibc.send(fd, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RawHTTPClientError.socketFailed(call: "send", errno: errno)
                }
                offset += written
            }
        }
    }

    /// Closes with a reset (RST) instead of FIN, as a crashed client or a middlebox does.
    public func reset() {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// Closes the sending side (the server sees EOF after what was sent).
    public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

    /// Shrinks the receive buffer, so a client that stops reading fills up quickly.
    public func setReceiveBufferSize(_ bytes: Int32) {
        var value = bytes
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &value, socklen_t(MemoryLayout<Int32>.size))
    }

    // MARK: - Reading

    /// Reads more bytes into the buffer; false on EOF or reset.
    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[0..<received])
                return true
            }
            if received == 0 { return false }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: throw RawHTTPClientError.timedOut(received: buffer)
            case ECONNRESET: return false
            default: throw RawHTTPClientError.socketFailed(call: "recv", errno: errno)
            }
        }
    }

    private func need(_ count: Int) throws {
        while buffer.count < count {
            guard try fill() else { throw RawHTTPClientError.closedByPeer(received: buffer) }
        }
    }

    private func take(_ count: Int) -> [UInt8] {
        defer { buffer.removeFirst(count) }
        return Array(buffer[0..<count])
    }

    private func takeLine() throws -> [UInt8] {
        while true {
            if let end = buffer.firstRange(of: [13, 10]) {
                let line = Array(buffer[0..<end.lowerBound])
                buffer.removeFirst(end.upperBound)
                return line
            }
            guard try fill() else { throw RawHTTPClientError.closedByPeer(received: buffer) }
        }
    }

    /// Reads one response. `isHead`: the response to a HEAD request, which has no body.
    public func readResponse(isHead: Bool = false) throws -> RawResponse {
        var headEnd = buffer.firstRange(of: [13, 10, 13, 10])
        while headEnd == nil {
            guard try fill() else { throw RawHTTPClientError.closedByPeer(received: buffer) }
            headEnd = buffer.firstRange(of: [13, 10, 13, 10])
        }
        guard let headEnd else { throw RawHTTPClientError.malformedResponse("no head") }
        let rawHead = take(headEnd.upperBound)
        let lines = String(decoding: rawHead, as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw RawHTTPClientError.malformedResponse(lines[0])
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw RawHTTPClientError.malformedResponse(line) }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var response = RawResponse(status: status, headers: headers, body: [], rawHead: rawHead)
        if isHead || (100..<200).contains(status) || status == 204 || status == 304 { return response }
        if headers["Transfer-Encoding"]?.lowercased() == "chunked" {
            while true {
                let sizeLine = String(decoding: try takeLine(), as: UTF8.self)
                guard let size = Int(sizeLine, radix: 16) else { throw RawHTTPClientError.malformedResponse(sizeLine) }
                if size == 0 {
                    _ = try takeLine()
                    return response
                }
                try need(size + 2)
                response.body += take(size)
                _ = take(2)
            }
        }
        if let lengthText = headers["Content-Length"] {
            guard let length = Int(lengthText) else { throw RawHTTPClientError.malformedResponse(lengthText) }
            try need(length)
            response.body = take(length)
            return response
        }
        response.body = try readUntilClose()
        return response
    }

    /// Reads until the server closes; returns everything not yet consumed.
    public func readUntilClose() throws -> [UInt8] {
        while try fill() {}
        return take(buffer.count)
    }

    /// True when the server has closed the connection (EOF or reset) with nothing more to
    /// read; throws `timedOut` if it stays open and silent.
    public func isClosedByPeer() throws -> Bool {
        if !buffer.isEmpty { return false }
        return try !fill()
    }
}
