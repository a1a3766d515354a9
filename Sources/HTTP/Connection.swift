import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One accepted TCP connection: reads requests, runs their handlers, writes responses.
///
/// Every mutable property is owned by `queue`; the read, write and timer sources all target
/// it. The connection serves one request at a time and **stops reading while a response is
/// pending**, as SwiftNIO's `HTTPServerPipelineHandler` does: a client that floods or
/// pipelines requests only fills its own socket buffer, and responses leave in request order.
/// Pipelined bytes already buffered are parsed after each response.
///
/// The read source is suspended lazily: only when input arrives while a response is pending,
/// and resumed after that response drained. A keep-alive client that waits for each response
/// (the usual case) never triggers it, which spares two source updates per request; on Linux
/// each is a round trip through Dispatch's manager thread and an `epoll_ctl`.
final class Connection: @unchecked Sendable {
    // Safe: all mutable state below is read and written only on `queue`.

    /// Where the connection is in the request cycle.
    enum State {
        case awaitingHead
        case readingBody
        /// A handler runs or a response is being written; input is not read.
        case responding
        /// The final response was sent and the write side shut; input is discarded until EOF.
        case lingering
        case closed
    }

    /// The request being read or answered.
    struct Exchange {
        var head: RequestHead
        var resolution: Router.Resolution
        var keepAlive: Bool
        var body: [UInt8] = []
        var spool: BodySpool?
        var startedAt: UInt64
        var status = 0
        var isHead: Bool { head.method == .head }
    }

    let id: Int
    let fd: Int32
    let queue: DispatchQueue
    let remoteAddress: String
    let context: ServerContext

    var state = State.awaitingHead
    var parser: RequestParser
    var timeouts: ConnectionTimeouts
    var exchange: Exchange?
    var output = OutputQueue()
    var chunkSource: (@Sendable () throws -> [UInt8]?)?
    /// False for a close-delimited body (HTTP/1.0 client): chunks go out unframed.
    var chunkFraming = true
    /// Set while `processInput` runs, so a response finished inside it does not recurse.
    private var isProcessingInput = false
    /// A response head is queued or sent and its exchange not yet finished. Output can drain
    /// while the handler still runs (a 100 Continue), which must not end the exchange.
    var isResponseStarted = false
    /// After the current response: keep the connection open for the next request.
    var keepAliveAfterResponse = true
    /// Bytes of the current request arrived (used by shutdown to spare started requests).
    var hasRequestBytes = false
    var isDraining = false

    /// Received bytes not yet given to the parser: `input[inputStart..<inputEnd]`.
    var input: [UInt8]
    var inputStart = 0
    var inputEnd = 0

    var readSource: (any DispatchSourceRead)?
    var isReadSuspended = false
    var writeSource: (any DispatchSourceWrite)?
    var isWriteSuspended = false
    var timer: (any DispatchSourceTimer)?
    var liveSources = 0

    init(id: Int, fd: Int32, remoteAddress: String, context: ServerContext) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        queue = DispatchQueue(label: "motcua.connection", target: context.ioQueue(for: id))
        parser = RequestParser(limits: context.configuration.limits)
        timeouts = ConnectionTimeouts(limits: context.configuration.limits)
        input = [UInt8](repeating: 0, count: 16 * 1024)
    }

    /// Installs the sources and starts reading. Call once, from any queue.
    func start() {
        queue.async { [self] in
            let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            read.setEventHandler { [self] in handleReadable() }
            read.setCancelHandler { [self] in sourceCancelled() }
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in apply(timeouts.timerFired(now: Self.now())) }
            timer.setCancelHandler { [self] in sourceCancelled() }
            timer.schedule(deadline: .distantFuture)
            liveSources = 2
            readSource = read
            self.timer = timer
            read.resume()
            timer.resume()
            apply(timeouts.connectionOpened(now: Self.now()))
        }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    // MARK: - Reading

    private func handleReadable() {
        switch state {
        case .closed:
            return
        case .responding:
            // Input while a response is pending (pipelining, or EOF): stop watching until the
            // response drained, so a level-triggered source does not fire again and again.
            suspendReading()
            return
        case .lingering:
            discardInput()
            return
        case .awaitingHead, .readingBody:
            break
        }
        if inputStart == inputEnd {
            inputStart = 0
            inputEnd = 0
        } else if inputEnd == input.count {
            // Rare: `.needMore` consumes everything, so only a partly parsed buffer is full.
            if inputStart > 0 {
                input.removeSubrange(0..<inputStart)
                input.append(contentsOf: repeatElement(0, count: inputStart))
                inputEnd -= inputStart
                inputStart = 0
            } else if input.count < 256 * 1024 {
                input.append(contentsOf: repeatElement(0, count: input.count))
            } else {
                respondToProtocolError(status: 431)
                return
            }
        }
        let received = input.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return recv(fd, base + inputEnd, raw.count - inputEnd, 0)
        }
        if received > 0 {
            inputEnd += received
            if state == .awaitingHead, !hasRequestBytes {
                hasRequestBytes = true
                apply(timeouts.requestStarted(now: Self.now()))
            }
            processInput()
        } else if received == 0 {
            close()  // The peer closed; nothing is pending, as reading stops while responding.
        } else if errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
            close()
        }
    }

    /// Parses buffered input until the parser needs more bytes or a request is complete.
    func processInput() {
        // A pipelined request answered inline ends in `finishExchange`, which calls back here;
        // the running loop picks the next request up instead of recursing once per request.
        guard !isProcessingInput else { return }
        isProcessingInput = true
        defer { isProcessingInput = false }
        while state == .awaitingHead || state == .readingBody {
            let base = inputStart
            let step: (consumed: Int, event: RequestParser.Event)
            do {
                step = try input.withUnsafeBytes { raw in
                    try parser.parse(UnsafeRawBufferPointer(rebasing: raw[base..<inputEnd]))
                }
            } catch let error as HTTPParseError {
                respondToProtocolError(status: error.status)
                return
            } catch {
                respondToProtocolError(status: 400)
                return
            }
            inputStart = min(inputEnd, base + step.consumed)
            switch step.event {
            case .needMore:
                return
            case let .head(head):
                didReceiveHead(head)
            case let .body(range):
                let lower = base + range.lowerBound, upper = base + range.upperBound
                guard lower >= 0, lower <= upper, upper <= inputEnd else {
                    respondToProtocolError(status: 400)
                    return
                }
                didReceiveBody(lower..<upper)
            case .end:
                didReceiveEnd()
            }
        }
    }

    /// Reads and drops input after the final response, until EOF or the linger timeout.
    private func discardInput() {
        let received = input.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return recv(fd, base, raw.count, 0)
        }
        if received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            close()
        }
    }

    func suspendReading() {
        guard !isReadSuspended, let readSource else { return }
        readSource.suspend()
        isReadSuspended = true
    }

    func resumeReading() {
        guard isReadSuspended, let readSource else { return }
        readSource.resume()
        isReadSuspended = false
    }

    func sourceCancelled() {
        liveSources -= 1
        guard liveSources == 0 else { return }
        readSource = nil
        writeSource = nil
        timer = nil
        Glibc.close(fd)
        context.connectionDidClose(id)
    }

    /// Shutdown began: close now if between requests, otherwise after the current response.
    func beginDraining() {
        isDraining = true
        if state == .awaitingHead, !hasRequestBytes, inputStart == inputEnd { close() }
    }
}
