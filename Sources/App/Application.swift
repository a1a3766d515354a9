import Foundation
import HTTP
import Storage

/// A running MotCua: the app context, its routes and the HTTP server. Tests start one on an
/// ephemeral port exactly as `motcua serve` does.
public final class Application: Sendable {
    public let database: Database
    let context: AppContext
    private let server: Server

    public init(configuration: AppConfiguration, server serverConfiguration: ServerConfiguration, database: Database) throws {
        self.database = database
        context = try AppContext(configuration: configuration, database: database)
        var serverConfiguration = serverConfiguration
        serverConfiguration.protocolErrorResponse = { status in
            SecurityHeaders.apply(to: ErrorRenderer.protocolError(status: status))
        }
        server = Server(configuration: serverConfiguration, router: Routes.makeRouter(context: context))
    }

    /// Starts serving, the hourly housekeeping and, unless disabled, the delivery of notices.
    public func start() throws {
        try server.start()
        context.housekeeping.start()
        if context.configuration.notifications.isEnabled { context.notificationWorker.start() }
    }

    /// The bound port (the one asked for, or the ephemeral one chosen for port 0).
    public var port: Int { server.port }

    /// Stops accepting, lets in-flight requests finish, stops the notice delivery after the send
    /// in progress and the housekeeping after its current batch; `waitUntilStopped` then closes
    /// the database.
    public func shutdown() {
        server.shutdown()
        context.notificationWorker.stop()
        context.housekeeping.stop()
    }

    /// Waits for the server and the delivery worker to stop, then closes the database.
    public func waitUntilStopped() {
        server.waitUntilStopped()
        context.notificationWorker.stopAndWait()
        context.housekeeping.stop()
        database.close()
    }
}
