import Foundation

/// When a failed notice is tried again, and when it is given up.
///
/// Exponential backoff: after the n-th failed attempt the next one waits
/// `firstDelay × multiplier^(n-1)`, capped at `maxDelay` (30 s, 2 min, 8 min, 32 min, 1 h, …
/// by default). After `maxAttempts` failed attempts the notice becomes `failed`; an operator
/// puts it back with `motcua notifications retry ID`.
public struct NotificationRetryPolicy: Sendable, Equatable {
    public var maxAttempts = 6
    public var firstDelay: TimeInterval = 30
    public var multiplier: Double = 4
    public var maxDelay: TimeInterval = 3600

    public init() {}

    public init(maxAttempts: Int, firstDelay: TimeInterval, multiplier: Double = 4, maxDelay: TimeInterval = 3600) {
        self.maxAttempts = maxAttempts
        self.firstDelay = firstDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// The wait before the next attempt once `attempts` attempts (1 or more) have failed.
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        var delay = firstDelay
        var step = 1
        // Multiply step by step so the cap applies before the value can overflow.
        while step < attempts && delay < maxDelay {
            delay *= multiplier
            step += 1
        }
        return min(delay, maxDelay)
    }

    /// Whether a notice that has failed `attempts` times is given up.
    public func isExhausted(afterAttempts attempts: Int) -> Bool { attempts >= maxAttempts }
}
