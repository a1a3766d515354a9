/// Dossier codes (mã hồ sơ, TT 01/2018/TT-VPCP Đ19): `<agency identifier>-<YYMMDD>-<NNNN>`,
/// e.g. `000.17.22.H56-210531-0001`.
///
/// The sequence counts per agency per day from 0001; past 9999 it widens (`10000`, …) rather
/// than fail, so a code is canonical when its sequence has exactly four digits up to 9999 and no
/// leading zero beyond.
public enum DossierCode {
    /// Builds a code. `sequence` must be at least 1 (it comes from the agency's daily counter).
    public static func make(identifier: String, date: LocalDate, sequence: Int) -> String {
        precondition(sequence >= 1, "dossier sequence numbers start at 1")
        var out = [UInt8]()
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append((date.year % 100 + 100) % 100, width: 2, to: &out)
        ASCIIDigits.append(date.month, width: 2, to: &out)
        ASCIIDigits.append(date.day, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        ASCIIDigits.append(sequence, width: 4, to: &out)
        return identifier + String(decoding: out, as: UTF8.self)
    }

    /// Splits a canonical code into its parts (the date read in 2000–2099); `nil` when malformed.
    /// The identifier must be non-empty, printable ASCII without `-` or spaces; its national
    /// shape is checked by `AgencyIdentifier`, not here.
    public static func parse(_ code: String) -> (identifier: String, date: LocalDate, sequence: Int)? {
        let b = Array(code.utf8)
        guard b.count <= 64, let last = b.lastIndex(of: UInt8(ascii: "-")), last >= 8,
              b[last - 7] == UInt8(ascii: "-") else { return nil }
        let identifier = b[0..<(last - 7)]
        guard !identifier.isEmpty, identifier.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "-") }),
              let yy = ASCIIDigits.value(b, last - 6, 2), let mm = ASCIIDigits.value(b, last - 4, 2),
              let dd = ASCIIDigits.value(b, last - 2, 2),
              let date = LocalDate(year: 2000 + yy, month: mm, day: dd) else { return nil }
        let digits = b.count - last - 1
        guard digits >= 4, digits <= 9, let sequence = ASCIIDigits.value(b, last + 1, digits), sequence >= 1,
              digits == 4 || b[last + 1] != UInt8(ascii: "0") else { return nil }
        return (String(decoding: identifier, as: UTF8.self), date, sequence)
    }
}
