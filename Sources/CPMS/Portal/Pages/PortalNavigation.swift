/// The main navigation: every section with the permission that shows its link. Sections whose pages come
/// later (issue 17) are listed already; their links appear for the roles that may see them.
enum PortalNavigation {
    struct Section: Sendable {
        let label: String
        let href: String
        let permission: PortalPermission
    }

    static let sections: [Section] = [
        Section(label: "Overview", href: "/portal/", permission: .viewOverview),
        Section(label: "Stations", href: "/portal/stations", permission: .viewStations),
        Section(label: "Tariffs", href: "/portal/tariffs", permission: .viewTariffs),
        Section(label: "Bookings", href: "/portal/bookings", permission: .viewBookings),
        Section(label: "Energy", href: "/portal/energy", permission: .viewEnergy),
        Section(label: "eMSPs", href: "/portal/emsps", permission: .viewEMSPs),
        Section(label: "Users", href: "/portal/users", permission: .viewUsers),
        Section(label: "Audit", href: "/portal/audit", permission: .viewAudit),
    ]

    /// The links `role` sees, `current` marked.
    static func links(for role: PortalRole, current: String) -> [PortalNavLink] {
        sections.filter { role.may($0.permission) }.map { PortalNavLink(label: $0.label, href: $0.href, current: $0.href == current) }
    }
}
