import Foundation

/// What the Station and Energy pages read and change of the energy supply (issue 16): the supply service's
/// stores and monitoring, and a way to wake the service after a change (it replans, as after the API's).
struct PortalSupply: Sendable {
    let stores: SupplyService.Stores
    let monitor: SupplyMonitor
    let settings: SupplySettings
    /// The policy changed: the supply service replans and sends.
    let changed: @Sendable () -> Void
}

extension SupplyComponents {
    /// The supply as the portal uses it.
    var portal: PortalSupply {
        let service = service
        return PortalSupply(stores: stores, monitor: monitor, settings: service.settings, changed: { service.wake() })
    }
}
