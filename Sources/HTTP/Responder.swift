import Foundation

/// How a deferred handler answers its request: later, from any thread (see `Router.addDeferred`).
///
/// A handler that waits on something which calls back, such as a durable write waiting for
/// its group commit, hands the responder to that callback instead of blocking a thread. The
/// first answer wins and later ones are ignored; a responder dropped without an answer sends
/// the fallback (a 500), so a handler bug never leaves a client waiting forever.
// Safe to share: `deliver` is only read and cleared while holding `lock`.
public final class Responder: @unchecked Sendable {
    public typealias Build = @Sendable () -> Response

    private let lock = NSLock()
    private var deliver: (@Sendable (@escaping Build) -> Void)?
    private let fallback: Build

    /// `deliver` runs a response builder where the response is sent (a connection's queue);
    /// `fallback` answers a responder dropped unanswered.
    init(fallback: @escaping Build, deliver: @escaping @Sendable (@escaping Build) -> Void) {
        self.fallback = fallback
        self.deliver = deliver
    }

    /// Sends `response`, unless the request was already answered.
    public func respond(_ response: Response) {
        respond { response }
    }

    /// Runs `build` where the response is sent (the connection's queue, not the calling
    /// thread) and sends what it returns, unless the request was already answered. For a
    /// callback on a busy thread (a database writer) that should hand the work on at once.
    public func respond(_ build: @escaping Build) {
        take()?(build)
    }

    /// Whether the request was answered.
    public var isAnswered: Bool {
        lock.withLock { deliver == nil }
    }

    private func take() -> (@Sendable (@escaping Build) -> Void)? {
        lock.withLock {
            defer { deliver = nil }
            return deliver
        }
    }

    deinit {
        if let deliver = take() { deliver(fallback) }
    }
}
