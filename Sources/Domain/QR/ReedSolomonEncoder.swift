/// Reed–Solomon error correction over GF(2⁸) as QR codes use it (ISO/IEC 18004:2015 §7.5.2):
/// the field is built on the primitive polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D), and the
/// generator polynomial of degree n is ∏ (x − αⁱ) for i in 0..<n.
public struct ReedSolomonEncoder: Sendable {
    /// The generator's coefficients without its leading 1, highest degree first.
    let generator: [UInt8]

    /// An encoder producing `degree` error-correction codewords (1...255).
    public init(degree: Int) {
        precondition((1...255).contains(degree), "a Reed–Solomon degree is 1...255")
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        // Multiply by (x − αⁱ) in turn; in GF(2⁸) subtraction is XOR.
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                coefficients[j] = GaloisField256.multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = GaloisField256.multiply(root, 2)
        }
        generator = coefficients
    }

    /// The remainder of data·xⁿ divided by the generator: the error-correction codewords.
    public func errorCorrection(for data: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for i in remainder.indices {
                remainder[i] ^= GaloisField256.multiply(generator[i], factor)
            }
        }
        return remainder
    }
}

/// Arithmetic in GF(2⁸) modulo 0x11D (ISO/IEC 18004:2015 §7.5.2).
enum GaloisField256 {
    /// Russian-peasant multiplication, reducing by the field polynomial as it goes.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        var result: UInt8 = 0
        var a = a
        var b = b
        while b != 0 {
            if b & 1 != 0 { result ^= a }
            let carry = a & 0x80 != 0
            a <<= 1
            if carry { a ^= 0x1D }
            b >>= 1
        }
        return result
    }
}
