/// PBKDF2 key derivation (RFC 8018 §5.2).
public enum PBKDF2 {
    /// PBKDF2 with HMAC-SHA-256 as the pseudorandom function.
    ///
    /// The padded-key states are computed once; each iteration after the first is then
    /// exactly two compressions of a fixed 64-byte block (32 bytes of U plus SHA-256 padding
    /// for a 96-byte message), with no allocation. `iterations` and `keyLength` must be
    /// positive: passing anything else is a programming error.
    public static func sha256(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
        precondition(iterations > 0, "PBKDF2 needs at least one iteration")
        precondition(keyLength > 0, "PBKDF2 needs a positive key length")
        let states = HMACSHA256.PaddedKeyStates(key: password)
        let blockCount = (keyLength + SHA256.digestByteCount - 1) / SHA256.digestByteCount
        var derived: [UInt8] = []
        derived.reserveCapacity(blockCount * SHA256.digestByteCount)
        for blockIndex in 1...blockCount {
            derived.append(contentsOf: block(blockIndex, salt: salt, iterations: iterations, states: states))
        }
        return Array(derived.prefix(keyLength))
    }

    /// T_i = U_1 XOR U_2 XOR … XOR U_c (RFC 8018 §5.2 step 3).
    private static func block(
        _ index: Int, salt: [UInt8], iterations: Int, states: HMACSHA256.PaddedKeyStates
    ) -> [UInt8] {
        // U_1 = PRF(P, S || INT(i)), INT(i) a four-byte big-endian integer.
        var inner = SHA256Hasher(state: states.inner, byteCount: UInt64(SHA256.blockByteCount))
        inner.update(salt)
        inner.update([UInt8(truncatingIfNeeded: index >> 24), UInt8(truncatingIfNeeded: index >> 16),
                      UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index)])
        var outer = SHA256Hasher(state: states.outer, byteCount: UInt64(SHA256.blockByteCount))
        outer.update(inner.finalize())
        let first = outer.finalize()

        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule -> [UInt8] in
            guard let w = schedule.baseAddress else { return first }
            var u = SHA256State.initial
            first.withUnsafeBytes { SHA256Hasher.loadDigest($0, into: &u) }
            var t = u
            for _ in 1..<iterations {
                // Inner hash: H(K^ipad || U), resumed after the key block.
                var state = states.inner
                u.store(into: w)
                fillPadding(w)
                state.compress(schedule: w)
                // Outer hash: H(K^opad || inner digest).
                u = states.outer
                state.store(into: w)
                fillPadding(w)
                u.compress(schedule: w)
                t.h0 ^= u.h0; t.h1 ^= u.h1; t.h2 ^= u.h2; t.h3 ^= u.h3
                t.h4 ^= u.h4; t.h5 ^= u.h5; t.h6 ^= u.h6; t.h7 ^= u.h7
            }
            return t.bytes
        }
    }

    /// Words 8…15 of the final block of a 96-byte message whose last 32 bytes are in words 0…7:
    /// the 0x80 marker, zeros, and the bit length 768 (FIPS 180-4 §5.1.1).
    @inline(__always)
    private static func fillPadding(_ w: UnsafeMutablePointer<UInt32>) {
        w[8] = 0x8000_0000
        w[9] = 0; w[10] = 0; w[11] = 0; w[12] = 0; w[13] = 0; w[14] = 0
        w[15] = UInt32((SHA256.blockByteCount + SHA256.digestByteCount) * 8)
    }
}

extension SHA256Hasher {
    /// Reads a 32-byte digest back into the eight state words.
    static func loadDigest(_ digest: UnsafeRawBufferPointer, into state: inout SHA256State) {
        func word(_ i: Int) -> UInt32 {
            UInt32(bigEndian: digest.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        }
        state = SHA256State(h0: word(0), h1: word(1), h2: word(2), h3: word(3),
                            h4: word(4), h5: word(5), h6: word(6), h7: word(7))
    }
}
