/// An agency's electronic identifier in the national format `V1V2V3.Z1Z2.Y1Y2.MX1X2`
/// (e.g. `000.17.22.H56`), the prefix of its dossier codes (TT 01/2018/TT-VPCP Đ19).
///
/// Assumed reading of the format (the identifier scheme of QĐ 20/2020/QĐ-TTg on electronic
/// identifiers of agencies, as seen on real receipts): `MX1X2` names the level-1 body (`M` a
/// capital letter for the kind of body — `H` for a province — and `X1X2` its number; Quảng Ngãi
/// is `H55`), `Y1Y2` the level-2 unit under it (a department or district, `00` for the level-1
/// body itself), `Z1Z2` the level-3 unit (a commune or an office), `V1V2V3` the level-4 unit,
/// with zeros for levels not used. Only the shape is checked, not that the numbers are assigned.
public struct AgencyIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `MX1X2`, e.g. `H55`.
    public let root: String
    /// `Y1Y2`, 0…99.
    public let level2: Int
    /// `Z1Z2`, 0…99.
    public let level3: Int
    /// `V1V2V3`, 0…999.
    public let level4: Int

    /// Quảng Ngãi's level-1 part.
    public static let quangNgai = "H55"

    /// Builds an identifier from its parts; `nil` when a part is out of range or `root` is not a
    /// capital ASCII letter followed by two digits.
    public init?(root: String, level2: Int = 0, level3: Int = 0, level4: Int = 0) {
        guard AgencyIdentifier.isValidRoot(root), (0...99).contains(level2), (0...99).contains(level3),
              (0...999).contains(level4) else { return nil }
        self.root = root
        self.level2 = level2
        self.level3 = level3
        self.level4 = level4
    }

    /// Parses `000.17.22.H56`.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0].utf8.count == 3, parts[1].utf8.count == 2, parts[2].utf8.count == 2,
              let v = ASCIIDigits.value(Array(parts[0].utf8), 0, 3),
              let z = ASCIIDigits.value(Array(parts[1].utf8), 0, 2),
              let y = ASCIIDigits.value(Array(parts[2].utf8), 0, 2) else { return nil }
        self.init(root: parts[3], level2: y, level3: z, level4: v)
    }

    /// True when `text` has the national shape.
    public static func isValid(_ text: String) -> Bool { AgencyIdentifier(text) != nil }

    /// `V1V2V3.Z1Z2.Y1Y2.MX1X2`.
    public var text: String {
        var out = [UInt8]()
        ASCIIDigits.append(level4, width: 3, to: &out)
        out.append(UInt8(ascii: "."))
        ASCIIDigits.append(level3, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        ASCIIDigits.append(level2, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        return String(decoding: out, as: UTF8.self) + root
    }

    public var description: String { text }

    /// The identifier of a unit directly under this one: the first zero level below the
    /// deepest used level is set to `number`; `nil` when all levels are used or out of range.
    public func child(_ number: Int) -> AgencyIdentifier? {
        if level2 == 0 { return AgencyIdentifier(root: root, level2: number) }
        if level3 == 0 { return AgencyIdentifier(root: root, level2: level2, level3: number) }
        if level4 == 0 { return AgencyIdentifier(root: root, level2: level2, level3: level3, level4: number) }
        return nil
    }

    private static func isValidRoot(_ root: String) -> Bool {
        let b = Array(root.utf8)
        return b.count == 3 && b[0] >= UInt8(ascii: "A") && b[0] <= UInt8(ascii: "Z")
            && ASCIIDigits.isDigit(b[1]) && ASCIIDigits.isDigit(b[2])
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = AgencyIdentifier(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected V1V2V3.Z1Z2.Y1Y2.MX1X2")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
