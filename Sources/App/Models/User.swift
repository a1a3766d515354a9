import Domain

/// A signed-in account as the request path sees it.
public struct User: Sendable, Equatable {
    public var id: Int
    public var username: String
    public var fullName: String
    public var role: Role
    public var agencyID: Int?
    public var idNumber: String?

    public init(id: Int, username: String, fullName: String, role: Role, agencyID: Int?, idNumber: String? = nil) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.role = role
        self.agencyID = agencyID
        self.idNumber = idNumber
    }

    /// Staff see dossiers of their agency only; these roles see the whole province. The
    /// `integration` client is not one of them: it reads the events feed, not dossiers
    /// (API.md "Session and accounts": only `province_monitor` and `admin` see beyond an agency).
    public var seesWholeProvince: Bool {
        role.seesWholeProvince
    }

    func writeJSON(into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(id)
        json.key("username"); json.string(username)
        json.key("full_name"); json.string(fullName)
        json.key("role"); json.string(role.rawValue)
        json.key("agency_id"); json.int(agencyID)
        json.endObject()
    }
}
