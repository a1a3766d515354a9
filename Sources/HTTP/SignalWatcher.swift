import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// The write end of the self-pipe; set once, before any handler is installed, and only read
/// afterwards (from the C signal handler, where nothing else may be touched).
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// Calls a handler on SIGINT or SIGTERM, from a Dispatch queue rather than inside a C signal
/// handler, so the handler may do anything.
///
/// Linux note: a `DispatchSourceSignal` with the signal set to `SIG_IGN` never fires there,
/// because libdispatch reads signals through a `signalfd` that only sees signals blocked in
/// every thread, and the kernel discards an ignored signal delivered to any other thread. So
/// the default action is replaced by a tiny async-signal-safe handler that writes one byte to
/// a pipe (the self-pipe pattern), and a Dispatch read source on that pipe calls `handler`.
public enum SignalWatcher {
    private static let state = Locked<(source: (any DispatchSourceRead)?, handlers: [@Sendable () -> Void])>((nil, []))

    /// Adds `handler` for SIGINT and SIGTERM; the process no longer exits on them by itself.
    public static func onTermination(_ handler: @escaping @Sendable () -> Void) {
        state.withLock { state in
            state.handlers.append(handler)
            guard state.source == nil else { return }
            var ends: [Int32] = [-1, -1]
            guard pipe(&ends) == 0 else { return }
            _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
            _ = fcntl(ends[1], F_SETFL, O_NONBLOCK)  // a full pipe drops the byte, never blocks
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            signalPipeWriteEnd = ends[1]
            let readEnd = ends[0]
            let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: DispatchQueue(label: "motcua.signals"))
            source.setEventHandler {
                var bytes = [UInt8](repeating: 0, count: 64)
                while read(readEnd, &bytes, bytes.count) > 0 {}
                for handler in SignalWatcher.state.withLock({ $0.handlers }) { handler() }
            }
            source.resume()
            state.source = source
            for number in [SIGINT, SIGTERM] {
                signal(number) { _ in
                    var byte: UInt8 = 1
                    _ = write(signalPipeWriteEnd, &byte, 1)
                }
            }
        }
    }
}
