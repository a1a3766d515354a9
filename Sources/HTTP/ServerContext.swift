import Dispatch
import Foundation

/// What every connection of one server shares: routes, configuration, workers, log, encoder,
/// and the I/O queues its connections run on, each with the poller of its sockets.
final class ServerContext: Sendable {
    let router: Router
    let configuration: ServerConfiguration
    let workers: WorkerPool
    let blockingWorkers: BlockingThreadPool
    let accessLog: AccessLog?
    let encoder: ResponseEncoder
    /// One poller per I/O queue: `configuration.ioQueueCount` serial queues, each connection runs
    /// on one of them, so connection code runs on at most that many threads at once (like an
    /// event-loop group).
    /// They target Dispatch's global (non-overcommitting) queue, whose threads are capped at
    /// the core count. A queue without a target sits on the overcommitting root queue, which
    /// starts a thread whenever none is idle: measured under 64 keep-alive clients, four
    /// threads took turns at the one I/O queue, each preempted some 3,000 times a second,
    /// against two threads here and 15 % more requests/s on `/healthz`.
    private let pollers: [SocketPoller]
    /// Called on the connection's queue after it closed its socket.
    let connectionDidClose: @Sendable (Int) -> Void

    init(router: Router, configuration: ServerConfiguration, connectionDidClose: @escaping @Sendable (Int) -> Void) throws {
        self.router = router
        self.configuration = configuration
        workers = WorkerPool(limit: configuration.workerCount)
        blockingWorkers = BlockingThreadPool(threadCount: configuration.blockingThreadCount)
        accessLog = configuration.accessLog ? AccessLog() : nil
        encoder = ResponseEncoder(serverName: configuration.serverName)
        pollers = try (0..<max(1, configuration.ioQueueCount)).map { index in
            try SocketPoller(queue: DispatchQueue(label: "motcua.io.\(index)", target: .global(qos: .userInitiated)))
        }
        self.connectionDidClose = connectionDidClose
    }

    /// The poller (and so the I/O queue) of connection `id`: connections are spread round robin.
    func poller(for id: Int) -> SocketPoller {
        pollers[id % pollers.count]
    }

    /// Stops the pollers once every connection has closed; `stopped` is left when their
    /// descriptors are closed.
    func stopPolling(_ stopped: DispatchGroup) {
        for poller in pollers { poller.stop(stopped) }
    }
}
