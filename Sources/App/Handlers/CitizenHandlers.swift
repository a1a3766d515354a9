import Domain
import Foundation
import HTTP

/// `POST /api/v1/citizens`: self-registration of a citizen, whose username is the CCCD number.
struct CitizenHandlers: Sendable {
    let context: AppContext
    static let minPasswordLength = 8

    func create(_ request: Request) throws -> Response {
        let now = context.now()
        // Every attempt counts, so that one address cannot create accounts or probe numbers in bulk.
        let key = ["register:" + SessionHandlers.host(of: request.remoteAddress)]
        if context.registrationThrottle.isBlocked(key, now: now) { throw APIError.rateLimited() }
        context.registrationThrottle.recordFailure(key, now: now)

        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let fullName = body.requiredString("full_name", label: "họ và tên", problems: &problems)
        if let fullName, fullName.count > 200 { problems["full_name"] = "Họ và tên tối đa 200 ký tự." }
        let idNumber = body.requiredString("id_number", label: "số định danh cá nhân (CCCD)", problems: &problems)
        if let idNumber, let problem = IdNumber.validate(idNumber, today: VietnamTime.localDate(now)) {
            problems["id_number"] = problem.message
        }
        var phone = body.requiredString("phone", label: "số điện thoại di động", problems: &problems)
        if let text = phone {
            phone = MobilePhoneNumber.normalized(text)
            if phone == nil { problems["phone"] = "Số điện thoại di động không hợp lệ (10 chữ số, ví dụ 0905123456)." }
        }
        let email = body.string("email", problems: &problems)
        if let email, !EmailAddressSyntax.isValid(email) { problems["email"] = "Địa chỉ thư điện tử không hợp lệ." }
        let password = body.object["password"] as? String ?? ""
        if password.count < Self.minPasswordLength {
            problems["password"] = "Mật khẩu phải có ít nhất \(Self.minPasswordLength) ký tự."
        } else if password.utf8.count > 1024 {
            problems["password"] = "Mật khẩu quá dài (tối đa 1024 byte)."
        }
        guard problems.isEmpty, let fullName, let idNumber, let phone else { throw APIError.validationFailed(problems) }
        let user: User
        do {
            user = try context.users.add(
                UserStore.NewUser(username: idNumber, password: password, fullName: fullName, role: .citizen, agencyID: nil,
                                  idNumber: idNumber, phone: phone, email: email),
                hasher: PasswordHasher(iterations: context.configuration.passwordIterations), now: now)
        } catch let error as APIError where error.status == 409 {
            throw APIError.conflict("Số định danh cá nhân \(idNumber) đã được dùng để đăng ký tài khoản.")
        }
        return JSONResponse.make(status: 201) { user.writeJSON(into: &$0) }
    }
}
