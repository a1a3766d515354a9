/// Incremental SHA-256: feed bytes with `update` in any split, then `finalize` once.
public struct SHA256Hasher: Sendable {
    private var state: SHA256State
    /// Bytes of an incomplete block, waiting for more input (always fewer than 64).
    private var pending: [UInt8]
    /// Total message length so far, in bytes.
    private var byteCount: UInt64

    /// A hasher at the initial hash value H(0).
    public init() {
        self.init(state: .initial, byteCount: 0)
    }

    /// A hasher resumed after `byteCount` bytes (a whole number of blocks) produced `state`.
    init(state: SHA256State, byteCount: UInt64) {
        precondition(byteCount % UInt64(SHA256.blockByteCount) == 0, "resume only on a block boundary")
        self.state = state
        self.pending = []
        self.pending.reserveCapacity(SHA256.blockByteCount)
        self.byteCount = byteCount
    }

    /// The state after the whole blocks consumed so far; only meaningful on a block boundary.
    var blockState: SHA256State { state }

    /// Appends the bytes in `bytes` to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        byteCount &+= UInt64(bytes.count)
        var offset = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            guard let w = schedule.baseAddress else { return }
            if !pending.isEmpty {
                let take = min(SHA256.blockByteCount - pending.count, bytes.count)
                pending.append(contentsOf: bytes[0..<take])
                offset = take
                guard pending.count == SHA256.blockByteCount else { return }
                pending.withUnsafeBytes { Self.load(block: $0, offset: 0, into: w) }
                state.compress(schedule: w)
                pending.removeAll(keepingCapacity: true)
            }
            while bytes.count - offset >= SHA256.blockByteCount {
                Self.load(block: bytes, offset: offset, into: w)
                state.compress(schedule: w)
                offset += SHA256.blockByteCount
            }
        }
        if offset < bytes.count {
            pending.append(contentsOf: bytes[offset...])
        }
    }

    /// Appends `bytes` to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Appends any byte collection to the message (contiguous storage is used when available).
    public mutating func update<D: Collection>(_ data: D) where D.Element == UInt8 {
        let handled: Void? = data.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            update(Array(data))
        }
    }

    /// Pads the message (FIPS 180-4 §5.1.1) and returns the 32-byte digest.
    ///
    /// The hasher is spent afterwards; start a new one for another message.
    public mutating func finalize() -> [UInt8] {
        let bitLength = byteCount &* 8
        var tail = pending
        tail.append(0x80)
        // Zero bytes until the length is 56 mod 64, leaving room for the 64-bit length.
        let zeros = (SHA256.blockByteCount + 56 - tail.count % SHA256.blockByteCount) % SHA256.blockByteCount
        tail.append(contentsOf: repeatElement(0, count: zeros))
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            guard let w = schedule.baseAddress else { return }
            tail.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    Self.load(block: raw, offset: offset, into: w)
                    state.compress(schedule: w)
                    offset += SHA256.blockByteCount
                }
            }
        }
        pending.removeAll()
        return state.bytes
    }

    /// Loads sixteen big-endian words from `block[offset..<offset + 64]` into `w[0..<16]`.
    @inline(__always)
    static func load(block: UnsafeRawBufferPointer, offset: Int, into w: UnsafeMutablePointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self))
        }
    }
}
