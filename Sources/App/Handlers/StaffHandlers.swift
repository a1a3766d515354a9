import Domain
import Foundation
import HTTP

/// `GET /api/v1/staff`, `POST /api/v1/staff` and `PATCH /api/v1/staff/{id}`: staff accounts.
///
/// An `agency_admin` manages the counter officers, specialists and leaders of its own agency;
/// an `admin` manages every account but citizens. Accounts outside the caller's scope answer
/// 404, so their existence does not leak.
struct StaffHandlers: Sendable {
    let context: AppContext
    var authenticator: Authenticator { Authenticator(sessions: context.sessions) }
    var store: StaffStore { StaffStore(database: context.database) }
    /// Roles an agency administrator may give.
    static let agencyAdminGrants: Set<Role> = [.counterOfficer, .specialist, .leader]

    private func requireManager(_ request: Request) throws -> User {
        let user = try authenticator.requireUser(for: request, now: context.now())
        guard user.role == .admin || (user.role == .agencyAdmin && user.agencyID != nil) else {
            throw APIError.forbidden("Chỉ quản trị cơ quan hoặc quản trị hệ thống mới quản lý được tài khoản cán bộ.")
        }
        return user
    }

    func list(_ request: Request) throws -> Response {
        let manager = try requireManager(request)
        let page = try ListPage(request)
        var agencyID = manager.role == .admin ? nil : manager.agencyID
        if manager.role == .admin, let text = request.query("agency_id"), !text.isEmpty {
            guard let id = Int(text) else { throw APIError.validationFailed(["agency_id": "agency_id phải là số nguyên."]) }
            agencyID = id
        }
        let (items, next) = page.slice(try store.list(agencyID: agencyID))
        return JSONResponse.make { json in
            json.beginObject()
            json.key("items")
            json.beginArray()
            for member in items { member.writeJSON(into: &json) }
            json.endArray()
            json.key("next_cursor"); json.string(next)
            json.endObject()
        }
    }

    func create(_ request: Request) throws -> Response {
        let manager = try requireManager(request)
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        let username = body.requiredString("username", label: "tên đăng nhập", problems: &problems)
        if let username, username.count > 64 || username.contains(where: { $0.isWhitespace }) {
            problems["username"] = "Tên đăng nhập không chứa khoảng trắng, tối đa 64 ký tự."
        }
        let fullName = body.requiredString("full_name", label: "họ và tên", problems: &problems)
        let password = try checkedPassword(body, required: true, problems: &problems)
        let role = checkedRole(body, manager: manager, problems: &problems)
        var agencyID = manager.agencyID
        if manager.role == .admin {
            agencyID = body.object["agency_id"] as? Int
            if let agencyID, context.catalog.agencies[agencyID] == nil {
                problems["agency_id"] = "Không có cơ quan mã \(agencyID)."
            } else if agencyID == nil, role?.isAgencyStaff == true {
                problems["agency_id"] = "Vui lòng chọn cơ quan của cán bộ."
            }
        } else if let stated = body.object["agency_id"] as? Int, stated != manager.agencyID {
            problems["agency_id"] = "Quản trị cơ quan chỉ tạo được tài khoản trong cơ quan của mình."
        }
        guard problems.isEmpty, let username, let fullName, let password, let role else {
            throw APIError.validationFailed(problems)
        }
        let user = try context.users.add(
            UserStore.NewUser(username: username, password: password, fullName: fullName, role: role,
                              agencyID: role.isAgencyStaff ? agencyID : nil, idNumber: nil, phone: nil, email: nil),
            hasher: PasswordHasher(iterations: context.configuration.passwordIterations), now: context.now())
        guard let member = try store.find(id: user.id) else { throw APIError.internalError }
        var response = JSONResponse.make(status: 201) { member.writeJSON(into: &$0) }
        response.headers.add("Location", "/api/v1/staff/\(user.id)")
        return response
    }

    func update(_ request: Request) throws -> Response {
        let manager = try requireManager(request)
        guard let id = request.pathParameters["id"].flatMap({ Int($0) }), let target = try store.find(id: id),
              isManaged(target.user, by: manager) else {
            throw APIError.notFound("Không tìm thấy tài khoản cán bộ.")
        }
        let body = try JSONBody.parse(request)
        var problems: [String: String] = [:]
        var change = StaffStore.Change()
        if body.object["full_name"] != nil {
            change.fullName = body.requiredString("full_name", label: "họ và tên", problems: &problems)
        }
        if body.object["role"] != nil { change.role = checkedRole(body, manager: manager, problems: &problems) }
        if let value = body.object["is_active"] {
            if let flag = value as? Bool { change.isActive = flag } else { problems["is_active"] = "is_active phải là true hoặc false." }
        }
        if let password = try checkedPassword(body, required: false, problems: &problems) {
            change.passwordHash = PasswordHasher(iterations: context.configuration.passwordIterations).hash(password)
        }
        if target.user.id == manager.id, change.isActive == false || change.role != nil {
            problems["is_active"] = "Không thể tự khóa hoặc tự đổi vai trò của chính mình."
        }
        if let role = change.role, role.isAgencyStaff != target.user.role.isAgencyStaff {
            problems["role"] = "Không thể chuyển giữa vai trò của cơ quan và vai trò toàn tỉnh."
        }
        guard problems.isEmpty else { throw APIError.validationFailed(problems) }
        guard let member = try store.update(id: id, change) else { throw APIError.notFound("Không tìm thấy tài khoản cán bộ.") }
        context.sessions.evict(userID: id)
        return JSONResponse.make { member.writeJSON(into: &$0) }
    }

    /// Whether `manager` may see and change `user`.
    private func isManaged(_ user: User, by manager: User) -> Bool {
        if manager.role == .admin { return user.role != .citizen }
        return user.agencyID == manager.agencyID && (Self.agencyAdminGrants.contains(user.role) || user.id == manager.id)
    }

    private func checkedRole(_ body: JSONBody, manager: User, problems: inout [String: String]) -> Role? {
        guard let text = body.string("role", problems: &problems) else {
            if problems["role"] == nil { problems["role"] = "Vui lòng chọn vai trò." }
            return nil
        }
        let allowed: Set<Role> = manager.role == .admin ? Set(Role.allCases).subtracting([.citizen]) : Self.agencyAdminGrants
        guard let role = Role(rawValue: text), allowed.contains(role) else {
            problems["role"] = "Vai trò phải là một trong: \(allowed.map(\.rawValue).sorted().joined(separator: ", "))."
            return nil
        }
        return role
    }

    private func checkedPassword(_ body: JSONBody, required: Bool, problems: inout [String: String]) throws -> String? {
        guard let value = body.object["password"] else {
            if required { problems["password"] = "Vui lòng nhập mật khẩu." }
            return nil
        }
        guard let password = value as? String, password.count >= CitizenHandlers.minPasswordLength,
              password.utf8.count <= 1024 else {
            problems["password"] = "Mật khẩu phải có từ \(CitizenHandlers.minPasswordLength) ký tự (tối đa 1024 byte)."
            return nil
        }
        return password
    }
}
