public import HTTPTypes

/// One route of the portal and who may use it. `PortalController` registers only routes of this kind, and
/// returns them, so the tests can check every route for every role.
public struct PortalRoute: Sendable, Hashable, CustomStringConvertible {
    public enum Access: Sendable, Hashable {
        /// Anyone, signed in or not (the login page, static assets).
        case everyone
        /// Any signed-in user (logout).
        case signedIn
        /// A signed-in user whose role has the permission.
        case permission(PortalPermission)
    }

    public let method: HTTPRequest.Method
    /// The path under the server's root, `:name` for a parameter (`/portal/users/:name/disable`).
    public let path: String
    public let access: Access

    public init(_ method: HTTPRequest.Method, _ path: String, _ access: Access) {
        self.method = method
        self.path = path
        self.access = access
    }

    /// Whether a user with `role` (nil: not signed in) may use the route.
    public func allows(_ role: PortalRole?) -> Bool {
        switch access {
        case .everyone: return true
        case .signedIn: return role != nil
        case .permission(let permission): return role?.may(permission) ?? false
        }
    }

    /// A state-changing route: it needs the session's CSRF token.
    public var changesState: Bool { method != .get && method != .head }

    public var description: String { "\(method) \(path)" }
}

extension PortalRoute {
    static let login = PortalRoute(.get, "/portal/login", .everyone)
    static let loginSubmit = PortalRoute(.post, "/portal/login", .everyone)
    static let logout = PortalRoute(.post, "/portal/logout", .signedIn)
    static let staticAsset = PortalRoute(.get, "/portal/static/:file", .everyone)
    static let overview = PortalRoute(.get, "/portal/", .permission(.viewOverview))
    static let overviewData = PortalRoute(.get, "/portal/overview.json", .permission(.viewOverview))
    static let users = PortalRoute(.get, "/portal/users", .permission(.viewUsers))
    static let addUser = PortalRoute(.post, "/portal/users", .permission(.manageUsers))
    static let disableUser = PortalRoute(.post, "/portal/users/:name/disable", .permission(.manageUsers))
    static let audit = PortalRoute(.get, "/portal/audit", .permission(.viewAudit))
    static let tariffs = PortalRoute(.get, "/portal/tariffs", .permission(.viewTariffs))
    static let tariff = PortalRoute(.get, "/portal/tariffs/:id", .permission(.viewTariffs))
    static let saveTariff = PortalRoute(.post, "/portal/tariffs/:id", .permission(.editTariffs))
    static let emsps = PortalRoute(.get, "/portal/emsps", .permission(.viewEMSPs))
    static let bookings = PortalRoute(.get, "/portal/bookings", .permission(.viewBookings))
    static let scheduleMaintenance = PortalRoute(.post, "/portal/bookings/maintenance", .permission(.scheduleMaintenance))
    static let cancelMaintenance = PortalRoute(.post, "/portal/bookings/maintenance/cancel", .permission(.scheduleMaintenance))
    static let cancelBooking = PortalRoute(.post, "/portal/bookings/cancel", .permission(.cancelBookings))
}
