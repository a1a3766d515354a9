/// The citizen identity number (số định danh cá nhân, printed on the CCCD card): 12 digits.
///
/// Structure (Thông tư 07/2016/TT-BCA Điều 7, implementing Nghị định 137/2015/NĐ-CP Điều 13;
/// kept by Luật Căn cước 2023 Điều 12): digits 1–3 the province (or country) where the birth was
/// registered; digit 4 the century and sex code — 0/1 born 1900–1999 male/female, 2/3 2000–2099,
/// 4/5 2100–2199, 6/7 2200–2299, 8/9 2300–2399; digits 5–6 the last two digits of the year of
/// birth; digits 7–12 a random number. There is no check digit, so only this structure is checked.
public enum IdNumber {
    /// Checks `text` on `today` (for the birth year); `nil` when it is acceptable.
    public static func validate(_ text: String, today: LocalDate) -> IdNumberProblem? {
        let b = Array(text.utf8)
        guard b.count == 12, b.allSatisfy(ASCIIDigits.isDigit) else { return .notTwelveDigits }
        let province = String(decoding: b[0..<3], as: UTF8.self)
        guard provinceNames[province] != nil else { return .unknownProvince(code: province) }
        guard let year = birthYear(text) else { return .notTwelveDigits }
        if year > today.year { return .birthYearInFuture(year: year) }
        if year < today.year - maxAgeYears { return .birthYearTooOld(year: year) }
        return nil
    }

    /// Oldest accepted age, in years.
    public static let maxAgeYears = 120

    /// Year of birth from digits 4–6; `nil` unless the text is 12 ASCII digits.
    public static func birthYear(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 12, b.allSatisfy(ASCIIDigits.isDigit),
              let code = ASCIIDigits.value(b, 3, 1), let yy = ASCIIDigits.value(b, 4, 2) else { return nil }
        return 1_900 + (code / 2) * 100 + yy
    }

    /// True when digit 4 marks a woman (odd codes); `nil` unless the text is 12 ASCII digits.
    public static func isFemale(_ text: String) -> Bool? {
        let b = Array(text.utf8)
        guard b.count == 12, b.allSatisfy(ASCIIDigits.isDigit), let code = ASCIIDigits.value(b, 3, 1) else { return nil }
        return code % 2 == 1
    }

    /// The 63 province codes of Thông tư 07/2016/TT-BCA, Phụ lục I (Danh mục mã tỉnh, thành phố
    /// trực thuộc trung ương nơi công dân đăng ký khai sinh), with the province names of the time.
    public static let provinceNames: [String: String] = [
        "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
        "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
        "017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
        "025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
        "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
        "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
        "046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
        "054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
        "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
        "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu",
        "079": "Hồ Chí Minh", "080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh",
        "086": "Vĩnh Long", "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
        "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
    ]
}

/// Why an identity number was rejected.
public enum IdNumberProblem: Error, Sendable, Hashable {
    case notTwelveDigits
    case unknownProvince(code: String)
    case birthYearInFuture(year: Int)
    case birthYearTooOld(year: Int)

    /// Vietnamese text for people.
    public var message: String {
        switch self {
        case .notTwelveDigits:
            return "Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."
        case .unknownProvince(let code):
            return "Ba chữ số đầu \(code) không phải mã tỉnh, thành phố nơi đăng ký khai sinh."
        case .birthYearInFuture(let year):
            return "Số định danh cá nhân cho năm sinh \(year), là năm trong tương lai."
        case .birthYearTooOld(let year):
            return "Số định danh cá nhân cho năm sinh \(year), quá xa so với hiện tại."
        }
    }
}
