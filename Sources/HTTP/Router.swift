import Dispatch

/// Maps a method and path to a handler. Patterns are `/`-separated literal segments,
/// `{name}` parameters (percent-decoded into `Request.pathParameters`) and an optional trailing
/// `{name...}` catch-all taking the rest of the path (`/static/{path...}`).
///
/// Beyond the registered routes it answers, as RFC 9110 asks: HEAD with the GET route (§9.3.2;
/// the writer drops the body), `OPTIONS` on a known path with 204 and `Allow` (§9.3.7),
/// `OPTIONS *` with 204, an unknown path with `HTTPError.notFound` and a known path with the
/// wrong method with 405 and `Allow` (§15.5.6). Handler errors and these errors go through
/// `errorRenderer`.
public struct Router: Sendable {
    public typealias Handler = @Sendable (Request) throws -> Response
    /// A handler that answers later through its `Responder`, from any thread; what it throws
    /// before answering is rendered like a `Handler`'s error.
    public typealias DeferredHandler = @Sendable (Request, Responder) throws -> Void

    /// One registered method on one pattern.
    struct Route: Sendable {
        enum Kind: Sendable {
            case immediate(Handler)
            case deferred(DeferredHandler)
        }

        let options: RouteOptions
        let kind: Kind
    }

    /// One pattern with the methods registered on it.
    struct Entry: Sendable {
        let segments: [RoutePattern.Segment]
        var methods: [HTTPMethod] = []
        var routes: [HTTPMethod: Route] = [:]
    }

    /// What the router decided from a request head.
    enum Resolution: Sendable {
        case route(Route, parameters: [String: String])
        /// Answered by the router itself (OPTIONS, 404, 405) with no handler to run.
        case response(Response)
    }

    private var entries: [Entry] = []
    /// Patterns made only of literals, by their exact path: one dictionary look-up for them.
    private var literalIndex: [String: Int] = [:]
    /// Indices of patterns with parameters, in registration order.
    private var parameterized: [Int] = []

    /// Renders handler errors and the router's own `HTTPError`s. A 405 without `Allow` gets
    /// one added after rendering.
    public var errorRenderer: @Sendable (any Error, Request) -> Response = Router.defaultErrorRenderer

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add(method, pattern, Route(options: options, kind: .immediate(handler)))
    }

    /// Registers a handler that answers through its `Responder` rather than by returning, so
    /// that waiting for a callback holds no thread. It starts where `options` says, like any
    /// other handler.
    public mutating func addDeferred(_ method: HTTPMethod, _ pattern: String, options: RouteOptions = RouteOptions(),
                                     _ handler: @escaping DeferredHandler) {
        add(method, pattern, Route(options: options, kind: .deferred(handler)))
    }

    private mutating func add(_ method: HTTPMethod, _ pattern: String, _ route: Route) {
        precondition(pattern.hasPrefix("/"), "route patterns start with /: \(pattern)")
        let segments = RoutePattern.segments(of: pattern)
        let key = RoutePattern.key(of: segments)
        if let index = entries.firstIndex(where: { RoutePattern.key(of: $0.segments) == key }) {
            if entries[index].routes[method] == nil { entries[index].methods.append(method) }
            entries[index].routes[method] = route
            return
        }
        var entry = Entry(segments: segments)
        entry.methods = [method]
        entry.routes[method] = route
        entries.append(entry)
        if segments.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            literalIndex[key] = entries.count - 1
        } else {
            parameterized.append(entries.count - 1)
        }
    }

    // MARK: - Resolving

    /// Decides from the head alone which route serves the request, or the router's answer.
    func resolve(_ head: RequestHead, remoteAddress: String = "") -> Resolution {
        let path = RoutePattern.path(ofTarget: head.target)
        if head.method == .options, path == "*" {
            return .response(Response(status: 204, headers: ["Allow": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"]))
        }
        var allowed: [HTTPMethod] = []
        if let index = literalIndex[String(path)] {
            if let route = route(in: entries[index], for: head.method) {
                return .route(route, parameters: [:])
            }
            allowed = entries[index].methods
        } else if !parameterized.isEmpty {
            let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { Substring($0) }
            for index in parameterized {
                guard let parameters = RoutePattern.match(entries[index].segments, parts) else { continue }
                if let route = route(in: entries[index], for: head.method) {
                    return .route(route, parameters: parameters)
                }
                for method in entries[index].methods where !allowed.contains(method) { allowed.append(method) }
            }
        }
        let request = Request(head: head, remoteAddress: remoteAddress)
        if allowed.isEmpty { return .response(render(HTTPError.notFound, request)) }
        if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
        if !allowed.contains(.options) { allowed.append(.options) }
        if head.method == .options {
            return .response(Response(status: 204, headers: ["Allow": Router.allowValue(allowed)]))
        }
        return .response(render(HTTPError.methodNotAllowed(allowed), request))
    }

    private func route(in entry: Entry, for method: HTTPMethod) -> Route? {
        if let route = entry.routes[method] { return route }
        if method == .head { return entry.routes[.get] }
        return nil
    }

    /// Runs an immediate `handler` for `request`, rendering anything it throws.
    func run(_ handler: Handler, _ request: Request) -> Response {
        do {
            return try handler(request)
        } catch {
            return render(error, request)
        }
    }

    /// Starts a deferred `handler`; what it throws before answering is rendered and sent.
    func start(_ handler: DeferredHandler, _ request: Request, _ responder: Responder) {
        do {
            try handler(request, responder)
        } catch {
            responder.respond(render(error, request))
        }
    }

    /// Resolves and runs a complete request without a socket (for tests of the application).
    public func respond(to request: Request) -> Response {
        switch resolve(request.head, remoteAddress: request.remoteAddress) {
        case let .response(response):
            return response
        case let .route(route, parameters):
            var request = request
            request.pathParameters = parameters
            switch route.kind {
            case let .immediate(handler):
                return run(handler, request)
            case let .deferred(handler):
                let answer = Locked<Response?>(nil)
                let answered = DispatchSemaphore(value: 0)
                let responder = Responder(fallback: { Response(status: 500) }, deliver: { build in
                    answer.withLock { $0 = build() }
                    answered.signal()
                })
                start(handler, request, responder)
                answered.wait()
                return answer.withLock { $0 } ?? Response(status: 500)
            }
        }
    }

    private func render(_ error: any Error, _ request: Request) -> Response {
        var response = errorRenderer(error, request)
        if let error = error as? HTTPError, error.status == 405, !response.headers.contains("Allow") {
            response.headers.set("Allow", Router.allowValue(error.allowedMethods))
        }
        return response
    }

    static func allowValue(_ methods: [HTTPMethod]) -> String {
        methods.map(\.rawValue).joined(separator: ", ")
    }

    /// Plain-text errors: the status and its reason phrase; anything not an `HTTPError` is 500.
    public static let defaultErrorRenderer: @Sendable (any Error, Request) -> Response = { error, _ in
        let status = (error as? HTTPError)?.status ?? 500
        var response = Response.text("\(status) \(ReasonPhrase.phrase(for: status))\n", status: status)
        if let error = error as? HTTPError, status == 405 {
            response.headers.set("Allow", allowValue(error.allowedMethods))
        }
        return response
    }
}
