/// Compares two byte strings in time that depends only on their lengths, not their contents.
///
/// Use it for secrets (password hashes, token digests) so that the position of the first
/// differing byte does not leak through timing. Lengths are not secret: different lengths
/// return false at once.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices {
        difference |= a[index] ^ b[index]
    }
    return difference == 0
}
