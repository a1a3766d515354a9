/// A plausibility check of an e-mail address: the `addr-spec` shape of RFC 5322 §3.4.1 in its
/// common dot-atom form, `local@domain`, with a dotted domain of letters, digits and hyphens.
/// Deliverability is not checked; quoted local parts and address literals are refused.
public enum EmailAddressSyntax {
    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254.
    public static let maxLength = 254

    /// True when `text` looks like an address a person can receive mail at.
    public static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= maxLength else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
              !local.isEmpty, local.utf8.count <= 64 else { return false }
        // RFC 5322 §3.2.3 atext, and dots only between atoms.
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-.".utf8)
        guard local.utf8.allSatisfy(localAllowed.contains), !local.hasPrefix("."), !local.hasSuffix("."),
              !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-".utf8)
        // RFC 1035 §2.3.1: labels of 1–63 characters, not starting or ending with a hyphen.
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.utf8.allSatisfy(labelAllowed.contains)
                && !label.hasPrefix("-") && !label.hasSuffix("-")
        }
    }
}
