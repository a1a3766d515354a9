/// The timeout rules of one connection as a pure state machine (compare Hummingbird's
/// `HTTPConnectionStateHandler.StateMachine`): it is told what happened and when, and answers
/// with an action the connection carries out. It never reads a clock or touches a timer.
///
/// Times are monotonic nanoseconds (`DispatchTime.uptimeNanoseconds` in the server, plain
/// numbers in tests). One timer per connection is enough: the machine remembers which deadline
/// the timer is armed for and asks for a new one only when a phase needs an earlier deadline;
/// progress (more body bytes, a drained write) just records the time and is checked when the
/// timer fires, so the hot path costs no timer calls.
public struct ConnectionTimeouts: Sendable {
    /// What the connection should do.
    public enum Action: Equatable, Sendable {
        case nothing
        /// Arm (or re-arm) the single timer for this instant.
        case scheduleTimeout(at: UInt64)
        /// Header section or body too slow: answer 408 with `Connection: close`, then close.
        case respondRequestTimeoutAndClose
        /// Close without a response (idle keep-alive, stalled write, linger over).
        case close
    }

    /// Where the connection stands, with the instant its clock started.
    public enum Phase: Equatable, Sendable {
        /// Between requests on a kept-alive connection (limits.idleTimeout; silent close).
        case idle(since: UInt64)
        /// Waiting for the end of a header section (limits.headerTimeout; 408).
        case readingHead(since: UInt64)
        /// Reading a body; the clock restarts on each progress (bodyProgressTimeout; 408).
        case readingBody(lastProgress: UInt64)
        /// A handler is running: no deadline (shutdown's grace period bounds it).
        case handling
        /// Writing a response; the clock restarts when bytes drain (writeStallTimeout; close).
        case writing(lastProgress: UInt64)
        /// Half-closed after a final response, discarding input until EOF (lingerTimeout; close).
        case lingering(since: UInt64)
    }

    public private(set) var phase: Phase
    /// The deadline the timer is armed for, if any.
    public private(set) var armedDeadline: UInt64?

    let headerTimeout: UInt64
    let bodyProgressTimeout: UInt64
    let idleTimeout: UInt64
    let writeStallTimeout: UInt64
    let lingerTimeout: UInt64

    /// A fresh connection: the header clock starts at accept, so a client that connects and
    /// sends nothing is answered 408 after `headerTimeout`.
    public init(limits: HTTPLimits, lingerTimeout: Duration = .seconds(2)) {
        headerTimeout = limits.headerTimeout.nanoseconds
        bodyProgressTimeout = limits.bodyProgressTimeout.nanoseconds
        idleTimeout = limits.idleTimeout.nanoseconds
        // A reader that takes no bytes for as long as an idle client may stay is gone.
        writeStallTimeout = limits.idleTimeout.nanoseconds
        self.lingerTimeout = lingerTimeout.nanoseconds
        phase = .readingHead(since: 0)
    }

    /// The deadline of the current phase, or nil when none applies.
    public var deadline: UInt64? {
        switch phase {
        case let .idle(since): since &+ idleTimeout
        case let .readingHead(since): since &+ headerTimeout
        case let .readingBody(last): last &+ bodyProgressTimeout
        case .handling: nil
        case let .writing(last): last &+ writeStallTimeout
        case let .lingering(since): since &+ lingerTimeout
        }
    }

    // MARK: - Events

    public mutating func connectionOpened(now: UInt64) -> Action { enter(.readingHead(since: now)) }

    /// The first byte of a request arrived (or was already buffered) while idle.
    public mutating func requestStarted(now: UInt64) -> Action {
        if case .idle = phase { return enter(.readingHead(since: now)) }
        return .nothing
    }

    public mutating func headReceived(now: UInt64) -> Action { enter(.readingBody(lastProgress: now)) }

    public mutating func bodyProgressed(now: UInt64) -> Action {
        if case .readingBody = phase { phase = .readingBody(lastProgress: now) }
        return .nothing
    }

    public mutating func requestDispatched() -> Action { enter(.handling) }

    public mutating func writeStarted(now: UInt64) -> Action { enter(.writing(lastProgress: now)) }

    public mutating func writeProgressed(now: UInt64) -> Action {
        if case .writing = phase { phase = .writing(lastProgress: now) }
        return .nothing
    }

    /// The response drained and the connection stays open.
    public mutating func responseCompleted(now: UInt64) -> Action { enter(.idle(since: now)) }

    /// The final response drained and the write side was shut; input is discarded until EOF.
    public mutating func lingerStarted(now: UInt64) -> Action { enter(.lingering(since: now)) }

    /// The timer fired.
    public mutating func timerFired(now: UInt64) -> Action {
        armedDeadline = nil
        guard let deadline else { return .nothing }
        guard now >= deadline else {
            armedDeadline = deadline
            return .scheduleTimeout(at: deadline)
        }
        switch phase {
        case .readingHead, .readingBody: return .respondRequestTimeoutAndClose
        case .idle, .writing, .lingering: return .close
        case .handling: return .nothing
        }
    }

    /// Moves to `next`; asks for the timer only if nothing is armed or the armed deadline is
    /// later than the new one (an earlier armed deadline just re-checks when it fires).
    private mutating func enter(_ next: Phase) -> Action {
        phase = next
        guard let deadline else { return .nothing }
        if let armed = armedDeadline, armed <= deadline { return .nothing }
        armedDeadline = deadline
        return .scheduleTimeout(at: deadline)
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at zero for negative durations.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
