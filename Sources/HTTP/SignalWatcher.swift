import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Calls a handler on SIGINT or SIGTERM, through a DispatchSource instead of a C signal
/// handler, so the handler may do anything.
public enum SignalWatcher {
    private static let sources = Locked<[any DispatchSourceSignal]>([])
    private static let queue = DispatchQueue(label: "motcua.signals")

    /// Installs `handler` for SIGINT and SIGTERM. The default actions are ignored so the
    /// process stays up until the handler decides.
    public static func onTermination(_ handler: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler(handler: handler)
            source.resume()
            sources.withLock { $0.append(source) }
        }
    }
}
