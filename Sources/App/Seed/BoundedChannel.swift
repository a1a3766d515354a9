import Foundation

/// A first-in first-out hand-over of values from one producing thread to one consumer, holding
/// at most `capacity` values so a fast producer waits instead of filling memory.
///
/// The consumer may `cancel`: the producer's next `send` then returns false and it stops.
final class BoundedChannel<Element: Sendable>: @unchecked Sendable {
    // Every stored property below is read and written only while holding `condition`.
    private let condition = NSCondition()
    private var buffer: [Element] = []
    private var isFinished = false
    private var isCancelled = false
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a channel holds at least one value")
        self.capacity = capacity
    }

    /// Waits while the channel is full, then appends `value`; false once the consumer cancelled.
    func send(_ value: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count >= capacity, !isCancelled { condition.wait() }
        guard !isCancelled else { return false }
        buffer.append(value)
        condition.broadcast()
        return true
    }

    /// Marks the end of the values: `receive` returns nil once the rest is drained.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        isFinished = true
        condition.broadcast()
    }

    /// Tells the producer to stop and drops what is buffered.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        isCancelled = true
        buffer.removeAll()
        condition.broadcast()
    }

    /// Waits for the next value; nil when the producer finished and everything was received.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while buffer.isEmpty, !isFinished, !isCancelled { condition.wait() }
        guard !buffer.isEmpty else { return nil }
        let value = buffer.removeFirst()
        condition.broadcast()
        return value
    }
}
