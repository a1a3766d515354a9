import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Flushes a file that is being written in bulk once a second from a thread of its own, so
/// that the disk writes while the loader computes, and the final fsync of the load's COMMIT
/// (synchronous=FULL) finds little left to write.
///
/// Without it the kernel starts writing a new file's pages only when they are 30 s old or
/// when a tenth of memory is dirty, so a 1.6 GB load left most of its pages for the COMMIT's
/// fsync (about a second on an idle machine, several while other files were being written).
/// fdatasync on another descriptor of the same file flushes the same pages
/// (https://man7.org/linux/man-pages/man2/fsync.2.html); it only moves work earlier, the
/// COMMIT's own fsync still decides durability.
// Safe to share: `stopped` is a semaphore; `descriptor` is immutable after init.
final class WritebackFlusher: @unchecked Sendable {
    private let descriptor: Int32
    private let stopped = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let interval: TimeInterval

    /// Starts flushing `path` every `interval` seconds; nil when the file cannot be opened
    /// (the load then goes on without it).
    init?(path: String, interval: TimeInterval = 1) {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.interval = interval
        let thread = Thread { [self] in run() }
        thread.name = "storage.writeback"
        thread.start()
    }

    /// Stops the thread and waits for a flush in progress to end.
    func stop() {
        stopped.signal()
        finished.wait()
        close(descriptor)
    }

    private func run() {
        defer { finished.signal() }
        while stopped.wait(timeout: .now() + interval) == .timedOut {
            _ = fdatasync(descriptor)  // a failure only leaves the work to the COMMIT's fsync
        }
    }
}
