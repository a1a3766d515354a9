import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One accepted TCP connection: reads requests, runs their handlers, writes responses.
///
/// Every mutable property is owned by `queue`, the I/O queue of the connection's
/// `SocketPoller`, which reports the socket's readiness there; the timer source targets it too.
/// The connection serves one request at a time and **does not read while a response is
/// pending**, as SwiftNIO's `HTTPServerPipelineHandler` does: a client that floods or
/// pipelines requests only fills its own socket buffer, and responses leave in request order.
/// Pipelined bytes already buffered are parsed after each response.
///
/// The poller reports readiness edge-triggered: an event says the socket *became* readable
/// or writable. `isReadable` remembers it until a read finds the socket drained, so input
/// that arrived while a response was pending is read once the response is out, and nothing
/// has to be re-armed between requests.
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

    /// Reads per turn at most (16 KiB or more each); then the other connections go first.
    static let readBudget = 8

    let id: Int
    let fd: Int32
    let queue: DispatchQueue
    let poller: SocketPoller
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
    /// Set while `serviceInput` runs, so a response finished inside it does not recurse.
    private var isServicingInput = false
    /// A response head is queued or sent and its exchange not yet finished. Output can drain
    /// while the handler still runs (a 100 Continue), which must not end the exchange.
    var isResponseStarted = false
    /// After the current response: keep the connection open for the next request.
    var keepAliveAfterResponse = true
    /// Bytes of the current request arrived (used by shutdown to spare started requests).
    var hasRequestBytes = false
    var isDraining = false

    /// The socket may have input (or EOF) not yet read: set by a readable event, cleared when
    /// a read comes back short or with `EAGAIN`.
    var isReadable = false
    /// The peer sent FIN (or the socket failed): no more edges will come, so reads go on until
    /// they return 0 or fail rather than stopping at a short read.
    var isPeerDone = false
    /// Output is waiting for the socket to accept more (a send hit `EAGAIN`).
    var isAwaitingWritable = false

    /// Received bytes not yet given to the parser: `input[inputStart..<inputEnd]`.
    var input: [UInt8]
    var inputStart = 0
    var inputEnd = 0

    var timer: (any DispatchSourceTimer)?

    init(id: Int, fd: Int32, remoteAddress: String, context: ServerContext) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.context = context
        poller = context.poller(for: id)
        queue = poller.queue
        parser = RequestParser(limits: context.configuration.limits)
        timeouts = ConnectionTimeouts(limits: context.configuration.limits)
        input = [UInt8](repeating: 0, count: 16 * 1024)
    }

    /// Registers with the poller and starts the timer. Call once, from any queue.
    func start() {
        queue.async { [self] in
            guard state != .closed else { return }  // Shutdown closed it before it started.
            let timer = DispatchSource.makeTimerSource(queue: queue)
            timer.setEventHandler { [self] in apply(timeouts.timerFired(now: Self.now())) }
            timer.setCancelHandler { [self] in timerCancelled() }
            timer.schedule(deadline: .distantFuture)
            self.timer = timer
            timer.resume()
            guard poller.register(self) else {
                close()
                return
            }
            apply(timeouts.connectionOpened(now: Self.now()))
        }
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    // MARK: - Reading

    /// The poller saw the socket become readable and/or writable. `hungUp`: the peer shut its
    /// side or the socket failed (then it is also readable and writable, so the next call
    /// reports the error).
    func handleEvents(readable: Bool, writable: Bool, hungUp: Bool) {
        if hungUp { isPeerDone = true }
        if writable, isAwaitingWritable { flushOutput() }
        if readable {
            isReadable = true
            serviceInput()
        }
    }

    /// Parses what is buffered and reads more while the socket has input and the connection
    /// wants it: a request is read, answered, and the next one read in the same turn when the
    /// handler runs inline. Gives up the turn after `readBudget` reads.
    func serviceInput() {
        guard !isServicingInput else { return }
        isServicingInput = true
        defer { isServicingInput = false }
        var reads = 0
        while true {
            processInput()
            switch state {
            case .awaitingHead, .readingBody:
                break
            case .lingering:
                discardInput()
                return
            case .responding, .closed:
                return
            }
            guard isReadable else { return }
            guard reads < Self.readBudget else {
                poller.serveAgain(self)
                return
            }
            reads += 1
            guard receive() else { return }
        }
    }

    /// One `recv` into the input buffer; false when the connection closed or nothing came.
    private func receive() -> Bool {
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
                return false
            }
        }
        let space = input.count - inputEnd
        let received = input.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return -1 }
            return recv(fd, base + inputEnd, space, 0)
        }
        if received > 0 {
            // A short read drained the socket; the next arrival is a new edge.
            if received < space, !isPeerDone { isReadable = false }
            inputEnd += received
            if state == .awaitingHead, !hasRequestBytes {
                hasRequestBytes = true
                apply(timeouts.requestStarted(now: Self.now()))
            }
            return true
        }
        if received == 0 {
            close()  // The peer closed; nothing is pending, as reading stops while responding.
            return false
        }
        switch errno {
        case EAGAIN, EWOULDBLOCK:
            isReadable = false
            return false
        case EINTR:
            return true
        default:
            close()
            return false
        }
    }

    /// Parses buffered input until the parser needs more bytes or a request is complete.
    /// Only `serviceInput` calls it: a request answered inline ends in `finishExchange`, which
    /// calls `serviceInput` again, and that one's guard keeps the loop here instead of recursing.
    private func processInput() {
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

    /// Reads and drops input after the final response, until EOF, `EAGAIN` or the budget.
    private func discardInput() {
        for _ in 0..<Self.readBudget {
            guard isReadable else { return }
            let count = input.count
            let received = input.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return recv(fd, base, count, 0)
            }
            if received > 0 {
                if received < count, !isPeerDone { isReadable = false }
            } else if received == 0 {
                close()
                return
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                isReadable = false
            } else if errno != EINTR {
                close()
                return
            }
        }
        if isReadable { poller.serveAgain(self) }
    }

    func timerCancelled() {
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
