/// A user's role (API.md "Session and accounts").
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case citizen
    case counterOfficer = "counter_officer"
    case specialist
    case leader
    case agencyAdmin = "agency_admin"
    case provinceMonitor = "province_monitor"
    case admin
    case integration

    /// True for the roles of an agency's staff (who belong to one agency).
    public var isAgencyStaff: Bool {
        switch self {
        case .counterOfficer, .specialist, .leader, .agencyAdmin: return true
        default: return false
        }
    }

    /// True for roles that see dossiers of every agency.
    public var seesWholeProvince: Bool { self == .provinceMonitor || self == .admin }

    /// Vietnamese label for people.
    public var label: String {
        switch self {
        case .citizen: return "Công dân, tổ chức"
        case .counterOfficer: return "Công chức Bộ phận Một cửa"
        case .specialist: return "Chuyên viên xử lý"
        case .leader: return "Lãnh đạo phê duyệt"
        case .agencyAdmin: return "Quản trị cơ quan"
        case .provinceMonitor: return "Văn phòng UBND tỉnh (giám sát)"
        case .admin: return "Quản trị hệ thống"
        case .integration: return "Hệ thống kết nối"
        }
    }
}
