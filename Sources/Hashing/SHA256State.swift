/// The eight working hash words H0…H7 of SHA-256 and the block compression function.
///
/// Kept separate from `SHA256Hasher` so that PBKDF2 can run compressions on fixed-size
/// blocks without buffering or allocation.
struct SHA256State {
    var h0: UInt32, h1: UInt32, h2: UInt32, h3: UInt32
    var h4: UInt32, h5: UInt32, h6: UInt32, h7: UInt32

    /// FIPS 180-4 §5.3.3: the initial hash value H(0).
    static let initial = SHA256State(
        h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
        h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19
    )

    /// FIPS 180-4 §4.2.2: the sixty-four round constants K0…K63.
    static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// Processes one 512-bit block (FIPS 180-4 §6.2.2).
    ///
    /// `schedule` holds at least 64 words; the caller has stored the block's sixteen
    /// big-endian message words in `schedule[0..<16]`. Words 16…63 are overwritten.
    @inline(__always)
    mutating func compress(schedule w: UnsafeMutablePointer<UInt32>) {
        Self.roundConstants.withUnsafeBufferPointer { k in
            for t in 16..<64 {
                let x = w[t - 15], y = w[t - 2]
                let sigma0 = x.rotatedRight(7) ^ x.rotatedRight(18) ^ (x >> 3)
                let sigma1 = y.rotatedRight(17) ^ y.rotatedRight(19) ^ (y >> 10)
                w[t] = sigma1 &+ w[t - 7] &+ sigma0 &+ w[t - 16]
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            for t in 0..<64 {
                let bigSigma1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let choose = (e & f) ^ (~e & g)
                let t1 = h &+ bigSigma1 &+ choose &+ k[t] &+ w[t]
                let bigSigma0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = bigSigma0 &+ majority
                h = g; g = f; f = e; e = d &+ t1
                d = c; c = b; b = a; a = t1 &+ t2
            }
            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
            h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }
    }

    /// Stores the state words into `w[0..<8]`, e.g. as the first half of the next block.
    @inline(__always)
    func store(into w: UnsafeMutablePointer<UInt32>) {
        w[0] = h0; w[1] = h1; w[2] = h2; w[3] = h3
        w[4] = h4; w[5] = h5; w[6] = h6; w[7] = h7
    }

    /// The digest: the state words in big-endian byte order.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(SHA256.digestByteCount)
        for word in [h0, h1, h2, h3, h4, h5, h6, h7] {
            out.append(UInt8(truncatingIfNeeded: word >> 24))
            out.append(UInt8(truncatingIfNeeded: word >> 16))
            out.append(UInt8(truncatingIfNeeded: word >> 8))
            out.append(UInt8(truncatingIfNeeded: word))
        }
        return out
    }
}

extension UInt32 {
    /// ROTR^n(x) of FIPS 180-4 §3.2.
    @inline(__always)
    func rotatedRight(_ n: UInt32) -> UInt32 {
        (self >> n) | (self << (32 &- n))
    }
}
