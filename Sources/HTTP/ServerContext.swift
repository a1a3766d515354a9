import Dispatch
import Foundation

/// What every connection of one server shares: routes, configuration, workers, log, encoder,
/// and the I/O queues its connection queues run on.
final class ServerContext: Sendable {
    let router: Router
    let configuration: ServerConfiguration
    let workers: WorkerPool
    let blockingWorkers: BlockingThreadPool
    let accessLog: AccessLog?
    let encoder: ResponseEncoder
    /// `configuration.ioQueueCount` serial queues; each connection queue targets one of them, so
    /// connection code runs on at most that many threads at once (like an event-loop group). A queue of
    /// its own without a target would sit on Dispatch's overcommitting root queue, which
    /// starts a thread whenever none is idle: under load, dozens of threads taking turns on
    /// two cores, each turn a context switch.
    private let ioQueues: [DispatchQueue]
    /// Called on the connection's queue after it closed its socket.
    let connectionDidClose: @Sendable (Int) -> Void

    init(router: Router, configuration: ServerConfiguration, connectionDidClose: @escaping @Sendable (Int) -> Void) {
        self.router = router
        self.configuration = configuration
        workers = WorkerPool(limit: configuration.workerCount)
        blockingWorkers = BlockingThreadPool(threadCount: configuration.blockingThreadCount)
        accessLog = configuration.accessLog ? AccessLog() : nil
        encoder = ResponseEncoder(serverName: configuration.serverName)
        ioQueues = (0..<max(1, configuration.ioQueueCount)).map { index in
            DispatchQueue(label: "motcua.io.\(index)")
        }
        self.connectionDidClose = connectionDidClose
    }

    /// The I/O queue for connection `id`: connections are spread round robin.
    func ioQueue(for id: Int) -> DispatchQueue {
        ioQueues[id % ioQueues.count]
    }
}
