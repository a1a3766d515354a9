import Foundation
import HTTP

/// Counts events per key (a client address) in a sliding window; once `maxEvents` are in the
/// window, the key is refused (429) until the oldest ones age out. Guards the anonymous
/// endpoints: tracking-number guessing and feedback flooding.
final class RequestThrottle: Sendable {
    let maxEvents: Int
    let window: TimeInterval
    private let events = Locked<[String: [Date]]>([:])

    init(maxEvents: Int, window: TimeInterval) {
        self.maxEvents = maxEvents
        self.window = window
    }

    /// Whether `key` has used up its events at `now`.
    func isBlocked(_ key: String, now: Date) -> Bool {
        events.withLock { table in
            (table[key] ?? []).filter { now.timeIntervalSince($0) < window }.count >= maxEvents
        }
    }

    /// Records one event for `key`.
    func record(_ key: String, now: Date) {
        events.withLock { table in
            // A flood of distinct addresses must not grow the table without bound.
            if table.count > 100_000 { table.removeAll(keepingCapacity: true) }
            var list = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
            list.append(now)
            table[key] = list
        }
    }

    /// Throws 429 when `key` is blocked, otherwise records the event.
    func admit(_ key: String, now: Date) throws {
        guard !isBlocked(key, now: now) else { throw APIError.rateLimited() }
        record(key, now: now)
    }
}
