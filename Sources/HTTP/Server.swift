import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on non-blocking POSIX sockets driven by Dispatch sources.
///
/// The listening socket has an accept source on its own queue; each accepted socket becomes a
/// `Connection` on one of the I/O queues, whose `SocketPoller` reports its readiness; handlers
/// run on a `WorkerPool`.
///
/// **Connection cap:** at `maxConnections` open connections a new client is refused
/// gracefully: accepted, answered `503 Service Unavailable` with `Retry-After` and
/// `Connection: close`, and closed, so it learns at once to come back later instead of
/// hanging in the listen backlog. An idle client cannot hold a slot beyond the header or
/// idle timeout. When the process runs out of descriptors, accepting pauses briefly.
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    public let router: Router

    private struct State {
        var listener: Int32 = -1
        var port = 0
        var acceptSource: (any DispatchSourceRead)?
        var isAcceptSuspended = false
        var connections: [Int: Connection] = [:]
        var nextID = 0
        var context: ServerContext?
        var isStarted = false
        var isShuttingDown = false
        var isStopped = false
    }

    private let state = Locked(State())
    private let acceptQueue = DispatchQueue(label: "motcua.accept")
    /// Entered by `start()`, left when shutdown completes and when the listener has closed.
    private let running = DispatchGroup()

    public init(configuration: ServerConfiguration, router: Router) {
        self.configuration = configuration
        self.router = router
    }

    /// The bound port (the ephemeral one when configured with 0); 0 before `start()`.
    public var port: Int { state.withLock { $0.port } }

    /// Binds, listens and starts accepting; returns once the socket is listening.
    public func start() throws {
        let alreadyStarted = state.withLock { state -> Bool in
            defer { state.isStarted = true }
            return state.isStarted
        }
        guard !alreadyStarted else { throw SocketError.failed(call: "start (already started)", errno: EALREADY) }
        // Writes to a vanished peer must fail with EPIPE, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let fd: Int32, port: Int
        do {
            (fd, port) = try Socket.makeListener(host: configuration.host, port: configuration.port)
        } catch {
            state.withLock { $0.isStarted = false }
            throw error
        }
        let context: ServerContext
        do {
            context = try ServerContext(router: router, configuration: configuration) { [weak self] id in
                self?.connectionDidClose(id)
            }
        } catch {
            Glibc.close(fd)
            state.withLock { $0.isStarted = false }
            throw error
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: acceptQueue)
        source.setEventHandler { [weak self] in self?.acceptAvailable() }
        // The listening socket closes in the cancel handler, which Dispatch runs later on
        // `acceptQueue`; `running` waits for it too, so that once `waitUntilStopped()` returns
        // the port refuses connections.
        running.enter()
        source.setCancelHandler { [running] in
            Glibc.close(fd)
            running.leave()
        }
        state.withLock { state in
            state.listener = fd
            state.port = port
            state.acceptSource = source
            state.context = context
        }
        running.enter()
        source.resume()
    }

    // MARK: - Accepting

    /// Accepts every pending connection, up to the cap. Runs on `acceptQueue`.
    private func acceptAvailable() {
        while true {
            let (listener, context, atCap) = state.withLock { state in
                (state.listener, state.context, state.connections.count >= configuration.maxConnections)
            }
            guard let context, !state.withLock({ $0.isShuttingDown }) else { return }
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(listener, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: pause instead of spinning on a level-triggered source.
                    suspendAccepting()
                    acceptQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in resumeAccepting() }
                    return
                default: return  // EAGAIN: nothing more to accept.
                }
            }
            if atCap {
                refuse(fd, context: context)
                continue
            }
            // Glibc's module map hides accept4 (it needs _GNU_SOURCE), so set the flags after.
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            Socket.setNoDelay(fd)
            let connection = state.withLock { state -> Connection in
                state.nextID += 1
                let connection = Connection(id: state.nextID, fd: fd, remoteAddress: Socket.describe(address), context: context)
                state.connections[state.nextID] = connection
                return connection
            }
            connection.start()
        }
    }

    /// Answers 503 on a connection over the cap and closes it. The socket is fresh, so its
    /// send buffer is empty and the short answer goes out in one blocking-free write.
    private func refuse(_ fd: Int32, context: ServerContext) {
        var response = configuration.protocolErrorResponse(503)
        response.status = 503
        response.headers.set("Retry-After", "5")
        var bytes: [UInt8] = []
        let body: [UInt8] = if case let .bytes(body) = response.body { body } else { [] }
        context.encoder.encodeHead(status: 503, headers: response.headers, framing: .contentLength(body.count),
                                   keepAlive: false, requestVersion: .http1_1, date: DateCache.shared.current(), into: &bytes)
        bytes.append(contentsOf: body)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        // Result ignored: the client is told and let go; a failed write changes nothing.
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        Glibc.close(fd)
    }

    private func suspendAccepting() {
        state.withLock { state in
            guard !state.isAcceptSuspended, let source = state.acceptSource else { return }
            source.suspend()
            state.isAcceptSuspended = true
        }
    }

    private func resumeAccepting() {
        state.withLock { state in
            guard state.isAcceptSuspended, !state.isShuttingDown, let source = state.acceptSource else { return }
            source.resume()
            state.isAcceptSuspended = false
        }
    }

    private func connectionDidClose(_ id: Int) {
        let (resume, finished) = state.withLock { state -> (Bool, Bool) in
            state.connections[id] = nil
            let resume = state.isAcceptSuspended && state.connections.count < configuration.maxConnections
            return (resume, state.isShuttingDown && state.connections.isEmpty)
        }
        if resume { acceptQueue.async { [self] in resumeAccepting() } }
        if finished { finishStopping() }
    }

    // MARK: - Shutdown

    /// Stops accepting, lets in-flight requests finish (answered with `Connection: close`),
    /// closes idle keep-alive connections at once and everything else after
    /// `shutdownGracePeriod`. Returns immediately; see `waitUntilStopped()`.
    public func shutdown() {
        let connections = state.withLock { state -> [Connection]? in
            guard state.isStarted, !state.isShuttingDown else { return nil }
            state.isShuttingDown = true
            if let source = state.acceptSource {
                if state.isAcceptSuspended { source.resume() }
                source.cancel()
            }
            state.acceptSource = nil
            state.isAcceptSuspended = false
            return Array(state.connections.values)
        }
        guard let connections else { return }
        if connections.isEmpty {
            finishStopping()
            return
        }
        for connection in connections {
            connection.queue.async { connection.beginDraining() }
        }
        let grace = configuration.shutdownGracePeriod.nanoseconds
        DispatchQueue.global().asyncAfter(deadline: DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds &+ grace)) {
            [self] in
            let remaining = state.withLock { Array($0.connections.values) }
            for connection in remaining { connection.queue.async { connection.close() } }
        }
    }

    private func finishStopping() {
        let context = state.withLock { state -> ServerContext? in
            guard !state.isStopped else { return nil }
            state.isStopped = true
            return state.context
        }
        guard let context else { return }
        context.blockingWorkers.stop()
        context.stopPolling(running)
        context.accessLog?.drain()
        running.leave()
    }

    /// Blocks until a `shutdown()` has completed; returns at once if never started.
    public func waitUntilStopped() {
        running.wait()
    }
}
