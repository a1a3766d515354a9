import Domain

/// Plausible applicants for generated dossiers: Vietnamese names with diacritics, CCCD
/// numbers of Quảng Ngãi (province code 051), mobile numbers and addresses.
enum SampleApplicant {
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                              "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai"]
    static let middleNames = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Xuân", "Hồng",
                              "Thu", "Công", "Anh", "Bảo", "Gia", "Kim", "Phương", "Quốc", "Trọng", "Mỹ"]
    static let givenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
                             "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Nga", "Ngân", "Phúc", "Quân",
                             "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Tiến", "Trang", "Tuấn", "Uyên", "Yến"]
    static let places = ["Phường Chánh Lộ, TP Quảng Ngãi", "Xã Tịnh Khê, TP Quảng Ngãi", "Thị trấn Châu Ổ, huyện Bình Sơn",
                         "Thị trấn La Hà, huyện Tư Nghĩa", "Phường Nguyễn Nghiêm, thị xã Đức Phổ", "Xã Đức Tân, huyện Mộ Đức"]
    static let mobilePrefixes = ["032", "035", "038", "056", "070", "077", "086", "090", "091", "098"]

    static func pick(_ list: [String], _ generator: inout SeededGenerator) -> String {
        list[Int(generator.next() % UInt64(list.count))]
    }

    static func name(_ generator: inout SeededGenerator) -> String {
        "\(pick(familyNames, &generator)) \(pick(middleNames, &generator)) \(pick(givenNames, &generator))"
    }

    /// 051 (Quảng Ngãi), century-and-sex digit, two year digits, six serial digits.
    static func idNumber(_ generator: inout SeededGenerator) -> String {
        let born = 1950 + Int(generator.next() % 56)                      // 1950 … 2005
        let female = generator.next() % 2 == 1
        let centuryDigit = (born >= 2000 ? 2 : 0) + (female ? 1 : 0)
        let serial = Int(generator.next() % 1_000_000)
        return "051\(centuryDigit)\(pad(born % 100, 2))\(pad(serial, 6))"
    }

    static func phone(_ generator: inout SeededGenerator) -> String {
        pick(mobilePrefixes, &generator) + pad(Int(generator.next() % 10_000_000), 7)
    }

    static func address(_ generator: inout SeededGenerator) -> String {
        "Số \(1 + generator.next() % 200), \(pick(places, &generator))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
