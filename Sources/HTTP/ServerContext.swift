/// What every connection of one server shares: routes, configuration, workers, log, encoder.
final class ServerContext: Sendable {
    let router: Router
    let configuration: ServerConfiguration
    let workers: WorkerPool
    let accessLog: AccessLog?
    let encoder: ResponseEncoder
    /// Called on the connection's queue after it closed its socket.
    let connectionDidClose: @Sendable (Int) -> Void

    init(router: Router, configuration: ServerConfiguration, connectionDidClose: @escaping @Sendable (Int) -> Void) {
        self.router = router
        self.configuration = configuration
        workers = WorkerPool(limit: configuration.workerCount)
        accessLog = configuration.accessLog ? AccessLog() : nil
        encoder = ResponseEncoder(serverName: configuration.serverName)
        self.connectionDidClose = connectionDidClose
    }
}
