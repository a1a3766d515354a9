import CEpoll
import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Readiness of many connections' sockets through one Dispatch read source.
///
/// A Dispatch read source per socket costs a thread hand-off per event on Linux: libdispatch
/// registers each source one-shot in its epoll set, and after every event handler it re-arms the
/// source on its manager thread, so each request writes an `eventfd` to wake that thread, which
/// then calls `epoll_ctl`. Under 64 keep-alive clients on `/healthz` that `eventfd` write alone
/// took 14 % of the server's CPU (perf, BENCHMARKS.md), besides the thread switches.
///
/// Here the sockets sit in an epoll set of our own, edge-triggered, and one Dispatch read source
/// watches that set (an epoll descriptor is readable while any of its sockets is ready). Each
/// time the source fires, its handler takes every ready socket at once, so the re-arm is paid
/// once per batch instead of once per request. Dispatch still schedules everything: the source
/// fires on `queue`, handlers run on the `WorkerPool`, timers are Dispatch timers.
///
/// Edge-triggered means an event is reported when a socket *becomes* ready, so a connection
/// remembers readiness itself (`Connection.isReadable`) and reads until the socket is drained
/// before it waits again. A connection with more input than one turn reads (`readBudget`) is
/// served again after the others, so one fast upload cannot hold the I/O queue.
///
/// Everything runs on `queue`, the I/O queue its connections run on.
final class SocketPoller: @unchecked Sendable {
    // Safe: `connections`, `again` and `isAgainScheduled` are touched only on `queue`.

    let queue: DispatchQueue
    private let epollFD: Int32
    private let source: any DispatchSourceRead
    private let events: UnsafeMutablePointer<epoll_event>
    private var connections: [Int: Connection] = [:]
    /// Connections whose read budget ran out while their socket still had input.
    private var again: [Connection] = []
    private var isAgainScheduled = false

    /// Events taken from the kernel per `epoll_wait`.
    private static let batchSize = 256
    /// `epoll_wait` calls per wake-up of the source; more ready sockets wait for the next one.
    private static let roundsPerWake = 4

    /// The source's cancel handler, set by `stop`, closes the descriptor: a poller never
    /// stopped keeps it, like a server never shut down keeps its listening socket.
    init(queue: DispatchQueue) throws {
        let fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SocketError.makeFailed("epoll_create1") }
        self.queue = queue
        epollFD = fd
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: Self.batchSize)
        self.events = events
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.poll() }
        source.resume()
    }

    /// Watches `connection`'s socket. Call on `queue`; false if the kernel refused.
    func register(_ connection: Connection) -> Bool {
        var event = epoll_event()
        event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
        event.data.u64 = UInt64(connection.id)
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, connection.fd, &event) == 0 else { return false }
        connections[connection.id] = connection
        return true
    }

    /// Stops watching `connection`'s socket (before it is closed). Call on `queue`.
    func unregister(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        _ = epoll_ctl(epollFD, EPOLL_CTL_DEL, connection.fd, nil)
    }

    /// Serves `connection` again once the other ready connections had their turn. Call on `queue`.
    func serveAgain(_ connection: Connection) {
        again.append(connection)
        guard !isAgainScheduled else { return }
        isAgainScheduled = true
        queue.async { [self] in
            isAgainScheduled = false
            let waiting = again
            again.removeAll(keepingCapacity: true)
            for connection in waiting { connection.serviceInput() }
        }
    }

    /// Cancels the source; `stopped` is left once the epoll descriptor is closed. Its
    /// connections are closed already.
    func stop(_ stopped: DispatchGroup) {
        stopped.enter()
        queue.async { [self] in
            source.setCancelHandler { [epollFD, events] in
                Glibc.close(epollFD)
                events.deallocate()
                stopped.leave()
            }
            source.cancel()
        }
    }

    /// The source fired: at least one socket in the set is ready.
    private func poll() {
        for _ in 0..<Self.roundsPerWake {
            let count = Int(epoll_wait(epollFD, events, Int32(Self.batchSize), 0))
            guard count > 0 else { return }
            for index in 0..<count {
                let event = events[index]
                // A connection closed earlier in this batch is gone from the table; its id is
                // never reused, so a stale event cannot reach another connection.
                guard let connection = connections[Int(truncatingIfNeeded: event.data.u64)] else { continue }
                let flags = event.events
                let failed = flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
                connection.handleEvents(
                    readable: failed || flags & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0,
                    writable: failed || flags & EPOLLOUT.rawValue != 0,
                    hungUp: failed || flags & EPOLLRDHUP.rawValue != 0)
            }
            if count < Self.batchSize { return }
        }
    }
}
