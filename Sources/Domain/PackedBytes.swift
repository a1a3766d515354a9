import Foundation

/// The building blocks of the packed formats stored in dossier rows (`DossierHistory`,
/// `DocumentList`): unsigned LEB128 varints of at most 10 bytes, strings as their UTF-8 byte
/// count and bytes, and words: varint 0 = absent, 2k + 1 = `vocabulary[k]`, 2k + 2 = a string of
/// k bytes following.
struct PackedWriter {
    var bytes: [UInt8]

    init(version: UInt8, capacity: Int) {
        bytes = [version]
        bytes.reserveCapacity(capacity)
    }

    mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A string or absent: varint 0 = absent, else the byte count + 1 and the bytes.
    mutating func optionalString(_ text: String?) {
        guard var text else { return bytes.append(0) }
        text.withUTF8 { utf8 in
            varint(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func word(_ word: String?, index: [String: Int]) {
        guard var word else { return bytes.append(0) }
        // The key's bytes, not only `==`: a Dictionary of Strings also finds canonically
        // equivalent text, which must be written as it is.
        if let entry = index.index(forKey: word), index[entry].key.utf8.elementsEqual(word.utf8) {
            return varint(UInt64(index[entry].value) * 2 + 1)
        }
        word.withUTF8 { utf8 in
            varint(UInt64(utf8.count) * 2 + 2)
            bytes.append(contentsOf: utf8)
        }
    }

    static func index(of vocabulary: [String]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
    }
}

/// Reads what `PackedWriter` wrote; every method returns nil on bytes it did not write.
struct PackedReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard let byte = byte() else { return nil }
            let part = UInt64(byte & 0x7F)
            // The tenth byte may carry one bit only.
            guard shift < 63 || part <= 1 else { return nil }
            value |= part << UInt64(shift)
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }

    mutating func int() -> Int? {
        guard let value = varint(), value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }

    mutating func raw(count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func text(count: UInt64) -> String? {
        guard count <= UInt64(bytes.count - offset), let utf8 = raw(count: Int(count)) else { return nil }
        // Not `String(bytes:encoding:)`: Foundation's drops a leading U+FEFF (byte-order mark),
        // and a note or a name that starts with one must come back as it was written.
        return String(validating: utf8, as: UTF8.self)
    }

    mutating func string() -> String? {
        guard let count = varint() else { return nil }
        return text(count: count)
    }

    /// `.some(nil)` for an absent string, nil when malformed.
    mutating func optionalString() -> String?? {
        guard let tag = varint() else { return nil }
        if tag == 0 { return .some(nil) }
        guard let value = text(count: tag - 1) else { return nil }
        return .some(value)
    }

    mutating func word(vocabulary: [String]) -> String? {
        guard case let word?? = optionalWord(vocabulary: vocabulary) else { return nil }
        return word
    }

    /// `.some(nil)` for an absent word, nil when malformed.
    mutating func optionalWord(vocabulary: [String]) -> String?? {
        guard let tag = varint() else { return nil }
        if tag == 0 { return .some(nil) }
        if tag & 1 == 1 {
            let position = tag >> 1
            guard position < UInt64(vocabulary.count) else { return nil }
            return .some(vocabulary[Int(position)])
        }
        guard let value = text(count: (tag - 2) >> 1) else { return nil }
        return .some(value)
    }
}
