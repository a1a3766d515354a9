import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Output, timeouts and closing of a connection. Everything here runs on its queue.
extension Connection {
    // MARK: - Writing

    /// Sends queued output; if the socket buffer is full, the poller's next writable event
    /// sends the rest.
    func flushOutput() {
        guard state != .closed else { return }
        switch output.flush(to: fd) {
        case .drained:
            isAwaitingWritable = false
            outputDidDrain()
        case .wouldBlock:
            isAwaitingWritable = true
            apply(timeouts.writeProgressed(now: Self.now()))
        case .failed:
            close()
        }
    }

    // MARK: - Timeouts and closing

    func apply(_ action: ConnectionTimeouts.Action) {
        switch action {
        case .nothing:
            break
        case let .scheduleTimeout(at):
            timer?.schedule(deadline: DispatchTime(uptimeNanoseconds: at), leeway: .milliseconds(50))
        case .respondRequestTimeoutAndClose:
            if state == .awaitingHead || state == .readingBody {
                respondToProtocolError(status: 408)
            } else {
                close()
            }
        case .close:
            close()
        }
    }

    /// Sends what is queued, shuts the write side and discards input until the peer closes,
    /// so the client reads the final response instead of a reset (RFC 9112 §9.6).
    func startLingering() {
        state = .lingering
        shutdown(fd, Int32(SHUT_WR))
        apply(timeouts.lingerStarted(now: Self.now()))
        serviceInput()
    }

    /// Closes at once: leaves the poller and cancels the timer; the descriptor is closed in
    /// the timer's cancel handler, after which no event of it can run.
    func close() {
        guard state != .closed else { return }
        state = .closed
        output.discard()
        exchange?.spool?.remove()
        exchange = nil
        chunkSource = nil
        poller.unregister(self)
        if let timer {
            timer.cancel()
        } else {
            timerCancelled()  // Closed before `start` ran: no timer yet.
        }
    }
}
