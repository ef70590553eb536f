public import Hummingbird
public import OCPI

/// An OCPI module cpms serves: listed in the 2.2.1 version details and routed under `/ocpi/2.2.1/{identifier}`.
public protocol OCPIModule: Sendable {
    /// The module's identifier, as version details list it.
    var identifier: ModuleID { get }
    /// cpms's role in the module (SENDER for locations, tariffs...; RECEIVER for tokens, commands).
    var role: InterfaceRole { get }
    /// Which tokens reach the module's routes; `.registeredParties` unless it is part of the registration.
    var admission: OCPIAdmission { get }
    /// Adds the module's routes to `group`: `/ocpi/2.2.1/{identifier}`, behind `OCPIMiddleware`.
    func addRoutes(to group: RouterGroup<OCPIRequestContext>)
    /// Whether the version details the calling party (nil: none authenticated) reads list the module; true unless
    /// the module says otherwise (a custom module some eMSPs cannot read).
    func isAnnounced(to party: OCPIParty?) -> Bool
}

extension OCPIModule {
    public var admission: OCPIAdmission { .registeredParties }
    public func isAnnounced(to party: OCPIParty?) -> Bool { true }
}
