import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Output, timeouts and closing of a connection. Everything here runs on its queue.
extension Connection {
    // MARK: - Writing

    /// Sends queued output; arms the write source if the socket buffer is full.
    func flushOutput() {
        guard state != .closed else { return }
        switch output.flush(to: fd) {
        case .drained:
            if let writeSource, !isWriteSuspended {
                writeSource.suspend()
                isWriteSuspended = true
            }
            outputDidDrain()
        case .wouldBlock:
            // Only a response stops reading; a 100 Continue still blocked lets the body flow.
            if state == .responding { suspendReading() }
            apply(timeouts.writeProgressed(now: Self.now()))
            if let writeSource {
                if isWriteSuspended {
                    writeSource.resume()
                    isWriteSuspended = false
                }
            } else {
                let source = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
                source.setEventHandler { [self] in flushOutput() }
                source.setCancelHandler { [self] in sourceCancelled() }
                liveSources += 1
                writeSource = source
                source.resume()
            }
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
        resumeReading()
    }

    /// Closes at once: cancels the sources; the descriptor is closed when all have stopped.
    func close() {
        guard state != .closed else { return }
        state = .closed
        output.discard()
        exchange?.spool?.remove()
        exchange = nil
        chunkSource = nil
        resumeReading()
        readSource?.cancel()
        if let writeSource {
            if isWriteSuspended {
                writeSource.resume()
                isWriteSuspended = false
            }
            writeSource.cancel()
        }
        timer?.cancel()
    }
}
