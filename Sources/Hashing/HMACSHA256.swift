/// HMAC with SHA-256 (RFC 2104, with the SHA-256 parameters of RFC 4231).
public enum HMACSHA256 {
    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticate(message: [UInt8], key: [UInt8]) -> [UInt8] {
        let states = PaddedKeyStates(key: key)
        var inner = SHA256Hasher(state: states.inner, byteCount: UInt64(SHA256.blockByteCount))
        inner.update(message)
        var outer = SHA256Hasher(state: states.outer, byteCount: UInt64(SHA256.blockByteCount))
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The SHA-256 states after compressing `K XOR ipad` and `K XOR opad` (RFC 2104 §2).
    ///
    /// Both are one block long, so every later HMAC under the same key can resume from them
    /// instead of hashing the padded key again. PBKDF2 relies on this.
    struct PaddedKeyStates {
        let inner: SHA256State
        let outer: SHA256State

        init(key: [UInt8]) {
            // RFC 2104 §2: keys longer than B bytes are first hashed; shorter ones are zero-padded.
            var block = key.count > SHA256.blockByteCount ? SHA256.hash(key) : key
            block.append(contentsOf: repeatElement(0, count: SHA256.blockByteCount - block.count))
            var innerHasher = SHA256Hasher()
            innerHasher.update(block.map { $0 ^ 0x36 })
            var outerHasher = SHA256Hasher()
            outerHasher.update(block.map { $0 ^ 0x5c })
            inner = innerHasher.blockState
            outer = outerHasher.blockState
        }
    }
}
