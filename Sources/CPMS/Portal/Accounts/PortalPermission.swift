/// Everything the portal lets someone see or do; every page and action requires exactly one.
///
/// The one table of who may do what is `PortalRole.permissions`; pages and later features add a case here
/// and a line there, and the tests check every route against it for every role.
public enum PortalPermission: String, Sendable, CaseIterable {
    // Pages.
    case viewOverview
    case viewStations
    case viewTariffs
    case viewBookings
    case viewEnergy
    case viewEMSPs
    case viewUsers
    case viewAudit
    // Actions.
    case editTariffs
    case scheduleMaintenance
    case cancelBookings
    case editEnergyPolicy
    case manageUsers
}

extension PortalRole {
    /// The authorization table: what each role may see and do.
    public var permissions: Set<PortalPermission> {
        switch self {
        case .admin:
            return Set(PortalPermission.allCases)
        case .technician:
            return [.viewOverview, .viewStations, .viewTariffs, .viewBookings, .viewEnergy, .scheduleMaintenance]
        case .viewer:
            return [.viewOverview, .viewStations, .viewTariffs, .viewBookings, .viewEnergy]
        }
    }

    public func may(_ permission: PortalPermission) -> Bool { permissions.contains(permission) }
}
