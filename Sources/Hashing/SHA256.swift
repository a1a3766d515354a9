/// SHA-256 (NIST FIPS 180-4 §6.2) over byte collections.
public enum SHA256 {
    /// Length of a digest in bytes.
    public static let digestByteCount = 32
    /// Length of one message block in bytes (FIPS 180-4 §5.1.1).
    public static let blockByteCount = 64

    /// The 32-byte digest of `data`.
    public static func hash<D: Collection>(_ data: D) -> [UInt8] where D.Element == UInt8 {
        var hasher = SHA256Hasher()
        hasher.update(data)
        return hasher.finalize()
    }

    /// The digest of `data` as 64 lowercase hexadecimal characters.
    public static func hex<D: Collection>(_ data: D) -> String where D.Element == UInt8 {
        Hex.encode(hash(data))
    }
}
