import Domain
import Foundation

/// The body of `POST /api/v1/dossiers`, validated field by field. Every problem is collected
/// (not just the first), so the applicant can fix them all at once: 422 with
/// `details.fields`.
struct DossierIntakeForm {
    var procedureCode: String
    var channel: String
    /// The district or commune chosen for a local procedure submitted online (extension).
    var agencyID: Int?
    var applicant: Dossier.Applicant
    var note: String?

    static let channels: Set<String> = ["online", "counter", "postal"]

    /// `isKnownProcedure` lets an unknown procedure code be reported with every other problem
    /// of the form in one 422, rather than only after the rest was fixed.
    static func validate(_ body: JSONBody, today: LocalDate,
                         isKnownProcedure: (String) -> Bool = { _ in true }) throws -> DossierIntakeForm {
        var problems: [String: String] = [:]
        let procedureCode = body.requiredString("procedure_code", label: "mã thủ tục", problems: &problems)
        if let procedureCode, !isKnownProcedure(procedureCode) {
            problems["procedure_code"] = "Không tìm thấy thủ tục có mã \(procedureCode)."
        }
        let channel = body.requiredString("channel", label: "kênh nộp hồ sơ", problems: &problems)
        if let channel, !channels.contains(channel) {
            problems["channel"] = "Kênh nộp hồ sơ phải là online, counter hoặc postal."
        }
        var agencyID: Int?
        switch body.object["agency_id"] {
        case nil, is NSNull: break
        case let number as NSNumber where number.intValue > 0 && Double(number.intValue) == number.doubleValue:
            agencyID = number.intValue
        default: problems["agency_id"] = "Mã cơ quan phải là số nguyên dương."
        }
        let note = body.string("note", problems: &problems)
        if let note, note.count > 2000 { problems["note"] = "Ghi chú không được dài quá 2.000 ký tự." }

        var applicant: Dossier.Applicant?
        if let person = body.object("applicant") {
            applicant = validateApplicant(person, today: today, problems: &problems)
        } else {
            problems["applicant"] = "Vui lòng nhập thông tin người nộp hồ sơ."
        }
        guard problems.isEmpty, let procedureCode, let channel, let applicant else {
            throw APIError.validationFailed(problems)
        }
        return DossierIntakeForm(procedureCode: procedureCode, channel: channel, agencyID: agencyID, applicant: applicant, note: note)
    }

    static func validateApplicant(_ person: JSONBody, today: LocalDate, problems: inout [String: String]) -> Dossier.Applicant? {
        let prefix = "applicant."
        let fullName = person.requiredString("full_name", label: "họ và tên", problems: &problems, prefix: prefix)
        if let fullName, fullName.count > 200 { problems["applicant.full_name"] = "Họ và tên không được dài quá 200 ký tự." }
        let idNumber = person.requiredString("id_number", label: "số CCCD/định danh cá nhân", problems: &problems, prefix: prefix)
        if let idNumber, let problem = IdNumber.validate(idNumber, today: today), problem.isStructural {
            problems["applicant.id_number"] = problem.message
        }
        let phone = person.requiredString("phone", label: "số điện thoại", problems: &problems, prefix: prefix)
        if let phone, MobilePhoneNumber.normalized(phone) == nil {
            problems["applicant.phone"] = "Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09; có thể viết +84)."
        }
        let email = person.string("email", problems: &problems, prefix: prefix)
        if let email, !EmailAddressSyntax.isValid(email) {
            problems["applicant.email"] = "Địa chỉ email không hợp lệ."
        }
        let address = person.string("address", problems: &problems, prefix: prefix)
        if let address, address.count > 500 { problems["applicant.address"] = "Địa chỉ không được dài quá 500 ký tự." }
        guard let fullName, let idNumber, let phone, let normalized = MobilePhoneNumber.normalized(phone) else { return nil }
        return Dossier.Applicant(fullName: fullName, idNumber: idNumber, phone: normalized, email: email, address: address)
    }
}

extension IdNumberProblem {
    /// Problems that make a number impossible on its face (not 12 digits, no such province).
    /// At intake the officer reads the number off the card in hand, and the number is the
    /// applicant's key for tracking, so intake refuses only these; the birth-year plausibility
    /// checks apply where a number is claimed without a card in sight (account registration).
    var isStructural: Bool {
        switch self {
        case .notTwelveDigits, .unknownProvince: true
        case .birthYearInFuture, .birthYearTooOld: false
        }
    }
}
