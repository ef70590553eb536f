/// What a portal user may do: admins everything, technicians the stations' operation, viewers only look.
public enum PortalRole: String, Sendable, CaseIterable, Codable, Comparable {
    case admin
    case technician
    case viewer

    public static func < (lhs: PortalRole, rhs: PortalRole) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
