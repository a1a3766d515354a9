#if canImport(Glibc)
import Glibc
#endif

/// The bytes a connection still has to send, in order: byte arrays and file ranges.
///
/// `flush` writes with `sendmsg` (gathered, like `writev`) (a response head and an in-memory body go out in one call)
/// and `sendfile` until the queue is empty or the socket would block. It holds at most one
/// response at a time, because the connection produces the next response only after this
/// one drained, so a client that never reads cannot make it grow.
struct OutputQueue {
    enum Segment {
        case bytes([UInt8], offset: Int)
        /// `fd` is owned by the queue and closed once sent or discarded.
        case file(fd: Int32, offset: Int, end: Int)
    }

    enum FlushResult: Equatable {
        case drained
        case wouldBlock
        /// The peer is gone or a file ended early: close the connection.
        case failed
    }

    private(set) var segments: [Segment] = []
    /// Bytes sent since the last `takeSentCount()`.
    private var sent = 0

    var isEmpty: Bool { segments.isEmpty }

    mutating func append(_ bytes: [UInt8]) {
        if !bytes.isEmpty { segments.append(.bytes(bytes, offset: 0)) }
    }

    mutating func appendFile(fd: Int32, size: Int) {
        if size > 0 { segments.append(.file(fd: fd, offset: 0, end: size)) } else { close(fd) }
    }

    mutating func takeSentCount() -> Int {
        defer { sent = 0 }
        return sent
    }

    /// Closes any file still queued; used when the connection closes early.
    mutating func discard() {
        for case let .file(fd, _, _) in segments { close(fd) }
        segments.removeAll()
    }

    mutating func flush(to socket: Int32) -> FlushResult {
        while let first = segments.first {
            switch first {
            case let .bytes(bytes, offset):
                let written: Int
                if segments.count > 1, case let .bytes(next, nextOffset) = segments[1] {
                    written = Self.writev2(socket, bytes, offset, next, nextOffset)
                } else {
                    written = bytes.withUnsafeBytes { raw in
                        guard let base = raw.baseAddress else { return 0 }
                        return send(socket, base + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                    }
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed
                }
                sent += written
                consume(written)
            case let .file(fd, offset, end):
                var position = off_t(offset)
                let written = sendfile(socket, fd, &position, min(end - offset, 1 << 20))
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed
                }
                // The file shrank since its size was announced: the framing cannot be kept.
                if written == 0 { return .failed }
                sent += written
                if offset + written >= end {
                    close(fd)
                    segments.removeFirst()
                } else {
                    segments[0] = .file(fd: fd, offset: offset + written, end: end)
                }
            }
        }
        return .drained
    }

    /// Drops `count` bytes from the front byte segments.
    private mutating func consume(_ count: Int) {
        var remaining = count
        while remaining > 0, let first = segments.first, case let .bytes(bytes, offset) = first {
            let available = bytes.count - offset
            if remaining >= available {
                remaining -= available
                segments.removeFirst()
            } else {
                segments[0] = .bytes(bytes, offset: offset + remaining)
                remaining = 0
            }
        }
    }

    private static func writev2(_ socket: Int32, _ a: [UInt8], _ aOffset: Int, _ b: [UInt8], _ bOffset: Int) -> Int {
        a.withUnsafeBytes { rawA in
            b.withUnsafeBytes { rawB in
                guard let baseA = rawA.baseAddress, let baseB = rawB.baseAddress else { return 0 }
                return withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { vectors -> Int in
                    vectors[0] = iovec(iov_base: UnsafeMutableRawPointer(mutating: baseA + aOffset), iov_len: rawA.count - aOffset)
                    vectors[1] = iovec(iov_base: UnsafeMutableRawPointer(mutating: baseB + bOffset), iov_len: rawB.count - bOffset)
                    var message = msghdr()
                    message.msg_iov = vectors.baseAddress
                    message.msg_iovlen = 2
                    // sendmsg rather than writev: MSG_NOSIGNAL turns a dead peer into EPIPE, not SIGPIPE.
                    return sendmsg(socket, &message, Int32(MSG_NOSIGNAL))
                }
            }
        }
    }
}
