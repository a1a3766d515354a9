import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The request cycle of a connection: head → body → handler → response → next request.
/// Everything here runs on the connection's queue.
extension Connection {
    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    private static let lastChunk = Array("0\r\n\r\n".utf8)
    static let unknownHead = RequestHead(method: HTTPMethod("-"), target: "-", version: .http1_1, headers: HTTPHeaders())

    // MARK: - Request

    func didReceiveHead(_ head: RequestHead) {
        let now = Self.now()
        apply(timeouts.headReceived(now: now))
        let resolution = context.router.resolve(head, remoteAddress: remoteAddress)
        var options = RouteOptions()
        if case let .route(route, _) = resolution { options = route.options.effective(contentType: head.headers["Content-Type"]) }
        let limit = options.maxBodyBytes ?? context.configuration.limits.maxBodyBytes
        parser.bodyLimit = limit
        state = .readingBody
        exchange = Exchange(head: head, resolution: resolution, keepAlive: head.isKeepAlive && !isDraining, startedAt: now)
        let hasBody: Bool, declaredLength: Int
        switch parser.framing {
        case .none: (hasBody, declaredLength) = (false, 0)
        case let .length(length): (hasBody, declaredLength) = (length > 0, length)
        case .chunked: (hasBody, declaredLength) = (true, 0)
        }

        // RFC 9110 §10.1.1: answer 100 Continue before reading the body, unless the request
        // is already refused (a declared length over the limit gets 413 at once); an
        // expectation other than 100-continue gets 417.
        if let expect = head.headers["Expect"] {
            guard expect.trimmingCharacters(in: .whitespaces).equalsIgnoringASCIICase("100-continue") else {
                respondToProtocolError(status: 417)
                return
            }
            if head.version == .http1_1, hasBody, declaredLength <= limit {
                output.append(Self.continueLine)
                flushOutput()
            }
        }
        if options.spoolsBodyToDisk, case .route = resolution, hasBody {
            do {
                exchange?.spool = try BodySpool(directory: context.configuration.spoolDirectory)
            } catch {
                respondToProtocolError(status: 500)
            }
        } else if declaredLength > 0, declaredLength <= limit {
            // One allocation for a declared body; the limit bounds what a client can reserve.
            exchange?.body.reserveCapacity(declaredLength)
        }
    }

    func didReceiveBody(_ range: Range<Int>) {
        apply(timeouts.bodyProgressed(now: Self.now()))
        guard state == .readingBody, exchange != nil else { return }
        if let spool = exchange?.spool {
            let written = input.withUnsafeBytes { raw in spool.write(UnsafeRawBufferPointer(rebasing: raw[range])) }
            if !written { respondToProtocolError(status: 500) }
        } else {
            exchange?.body.append(contentsOf: input[range])
            // The parser enforces the limit; this guards the memory if it ever did not.
            if let count = exchange?.body.count, count > parser.bodyLimit { respondToProtocolError(status: 413) }
        }
    }

    func didReceiveEnd() {
        guard state == .readingBody, let current = exchange else { return }
        state = .responding
        apply(timeouts.requestDispatched())
        let body: RequestBody
        if let spool = current.spool {
            spool.finish()
            body = .file(path: spool.path, size: spool.size)
        } else {
            body = current.body.isEmpty ? .empty : .bytes(current.body)
            exchange?.body = []
        }
        switch current.resolution {
        case let .response(response):
            send(response)
        case let .route(route, parameters):
            let request = Request(head: current.head, body: body, pathParameters: parameters, remoteAddress: remoteAddress)
            let router = context.router
            let work: @Sendable () -> Void
            switch route.kind {
            case let .immediate(handler):
                if route.options.runsOnIOQueue {
                    send(router.run(handler, request))
                    return
                }
                work = { [self] in
                    let response = router.run(handler, request)
                    // `async`: the connection queue shares its I/O queue with other
                    // connections, so `sync` would park this thread until that queue is free.
                    // Under load the I/O queue is already draining and picks the send up
                    // without a thread wake-up.
                    queue.async { [self] in send(response) }
                }
            case let .deferred(handler):
                let responder = makeResponder()
                work = { router.start(handler, request, responder) }
                if route.options.runsOnIOQueue {
                    work()
                    return
                }
            }
            if route.options.isBlocking {
                context.blockingWorkers.submit(work)
            } else {
                context.workers.submit(work)
            }
        }
    }

    /// The responder of a deferred handler: its answer is built and sent on this connection's
    /// queue; one never given is answered with the configured 500.
    private func makeResponder() -> Responder {
        let fallback = context.configuration.protocolErrorResponse
        return Responder(fallback: { fallback(500) }, deliver: { [self] build in
            queue.async { [self] in send(build()) }
        })
    }

    /// Answers a protocol error or timeout with `protocolErrorResponse(status)` and
    /// `Connection: close`, then closes (RFC 9112 §11.2 style: never drop silently).
    func respondToProtocolError(status: Int) {
        switch state {
        case .closed, .lingering: return
        case .responding: close(); return
        case .awaitingHead, .readingBody: break
        }
        state = .responding
        if exchange == nil {
            exchange = Exchange(head: Self.unknownHead, resolution: .response(Response()), keepAlive: false, startedAt: Self.now())
        }
        exchange?.keepAlive = false
        // The status is the server's decision; the configured closure only shapes the body.
        var response = context.configuration.protocolErrorResponse(status)
        response.status = status
        send(response)
    }

    // MARK: - Response

    /// Encodes `response` and starts writing it.
    func send(_ response: Response) {
        guard state == .responding, var current = exchange else { return }
        var response = response
        var keepAlive = current.keepAlive && !isDraining
        if let connection = response.headers["Connection"], connection.lowercased().contains("close") { keepAlive = false }
        let forbidsBody = ResponseEncoder.forbidsBody(response.status)
        var fileFD: Int32 = -1
        if case let .file(path, _) = response.body, !current.isHead, !forbidsBody {
            fileFD = open(path, O_RDONLY | O_CLOEXEC)
            if fileFD < 0 {
                response = context.configuration.protocolErrorResponse(500)
                keepAlive = false
            }
        }
        let bodyLength: Int?
        switch response.body {
        case .empty: bodyLength = 0
        case let .bytes(bytes): bodyLength = bytes.count
        case let .file(_, size): bodyLength = size
        case .chunked: bodyLength = nil
        }
        let framing = ResponseEncoder.framing(
            status: response.status, bodyLength: bodyLength, requestVersion: current.head.version)
        if framing == .closeDelimited { keepAlive = false }
        var head: [UInt8] = []
        head.reserveCapacity(192 + response.headers.count * 48)
        context.encoder.encodeHead(
            status: response.status, headers: response.headers, framing: framing, keepAlive: keepAlive,
            requestVersion: current.head.version, date: DateCache.shared.current(), into: &head)
        _ = output.takeSentCount()
        isResponseStarted = true
        output.append(head)
        if !current.isHead, framing != .none {
            switch response.body {
            case .empty: break
            case let .bytes(bytes): output.append(bytes)
            case let .file(_, size): if fileFD >= 0 { output.appendFile(fd: fileFD, size: size) }
            case let .chunked(source):
                chunkSource = source
                chunkFraming = framing == .chunked
            }
        } else if fileFD >= 0 {
            Glibc.close(fileFD)
        }
        current.status = response.status
        exchange = current
        keepAliveAfterResponse = keepAlive
        apply(timeouts.writeStarted(now: Self.now()))
        flushOutput()
    }

    /// Called whenever the output queue empties.
    func outputDidDrain() {
        guard state == .responding, isResponseStarted else { return }  // e.g. a 100 Continue went out
        if chunkSource != nil {
            pullNextChunk()
            return
        }
        finishExchange()
    }

    private func pullNextChunk() {
        guard let source = chunkSource else { return }
        context.workers.submit { [self] in
            let result = Result { try source() }
            queue.async { [self] in didPullChunk(result) }
        }
    }

    private func didPullChunk(_ result: Result<[UInt8]?, any Error>) {
        guard state == .responding, chunkSource != nil else { return }
        switch result {
        case let .success(chunk?):
            if chunk.isEmpty {
                pullNextChunk()
                return
            }
            if chunkFraming {
                // RFC 9112 §7.1: chunk-size CRLF chunk-data CRLF.
                output.append(ResponseEncoder.chunkHeader(chunk.count) + chunk + [13, 10])
            } else {
                output.append(chunk)
            }
        case .success(nil):
            chunkSource = nil
            if chunkFraming { output.append(Self.lastChunk) }
        case .failure:
            // Mid-body there is no way to report an error but ending the connection.
            close()
            return
        }
        flushOutput()
    }

    /// The response drained: log it, then read the next request or linger and close.
    private func finishExchange() {
        let now = Self.now()
        if let current = exchange {
            context.accessLog?.record(
                method: current.head.method, path: current.head.path, status: current.status,
                bytes: output.takeSentCount(), microseconds: Int((now &- current.startedAt) / 1000), remote: remoteAddress)
            current.spool?.remove()
        }
        exchange = nil
        isResponseStarted = false
        hasRequestBytes = false
        guard keepAliveAfterResponse, !isDraining else {
            startLingering()
            return
        }
        state = .awaitingHead
        apply(timeouts.responseCompleted(now: now))
        if inputStart < inputEnd {
            hasRequestBytes = true
            apply(timeouts.requestStarted(now: now))
        }
        serviceInput()
    }
}
