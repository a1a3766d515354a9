/// A Vietnamese mobile number, as citizens give it when they register.
///
/// Since the 2018 renumbering (Thông tư 22/2014/TT-BTTTT as amended; the 11-digit ranges moved
/// to 10 digits by September 2018) a mobile number is `0` followed by 9 digits whose first is
/// 3, 5, 7, 8 or 9. The international form `+84…`/`84…` drops the leading `0`. Spaces, dots and
/// hyphens between digits are accepted and removed.
public enum MobilePhoneNumber {
    /// The number in its national form (`0905123456`), or nil when it is not a Vietnamese mobile number.
    public static func normalized(_ text: String) -> String? {
        var digits = [UInt8]()
        var bytes = Array(text.utf8)
        if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        for byte in bytes {
            if ASCIIDigits.isDigit(byte) {
                digits.append(byte)
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
                return nil
            }
        }
        if digits.count == 11, digits.starts(with: Array("84".utf8)) {
            digits = [UInt8(ascii: "0")] + digits.dropFirst(2)
        }
        guard digits.count == 10, digits[0] == UInt8(ascii: "0"),
              Array("35789".utf8).contains(digits[1]) else { return nil }
        return String(decoding: digits, as: UTF8.self)
    }
}
