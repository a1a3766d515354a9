import Foundation
import HTTP

/// Slows password guessing: after `maxFailures` failed sign-ins for one username or from one
/// address within `window`, further attempts for it are refused (429) until the window ends.
final class LoginThrottle: Sendable {
    static let maxFailures = 5
    static let window: TimeInterval = 15 * 60
    let maxFailures: Int
    let window: TimeInterval

    init(maxFailures: Int = LoginThrottle.maxFailures, window: TimeInterval = LoginThrottle.window) {
        self.maxFailures = maxFailures
        self.window = window
    }

    private let failures = Locked<[String: [Date]]>([:])

    /// Whether any of `keys` is locked out at `now`.
    func isBlocked(_ keys: [String], now: Date) -> Bool {
        failures.withLock { table in
            keys.contains { key in
                (table[key] ?? []).filter { now.timeIntervalSince($0) < window }.count >= maxFailures
            }
        }
    }

    func recordFailure(_ keys: [String], now: Date) {
        failures.withLock { table in
            if table.count > 100_000 { table.removeAll(keepingCapacity: true) }
            for key in keys {
                var list = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                list.append(now)
                table[key] = list
            }
        }
    }

    func recordSuccess(_ keys: [String]) {
        failures.withLock { table in
            for key in keys { table.removeValue(forKey: key) }
        }
    }
}
