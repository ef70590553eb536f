public import Hummingbird
import HummingbirdWebSocket
public import Logging
public import OCPI
public import StationCore

/// cpms's OCPI server: `/ocpi/versions`, `/ocpi/2.2.1` (version details) and every module added with `add`.
///
/// The version details list exactly the modules added, so a module is announced by adding it here.
public struct OCPIRouting: Sendable {
    public let settings: OCPISettings
    public let parties: OCPIPartyStore
    let clock: any StationClock
    let logger: Logger
    public private(set) var modules: [any OCPIModule] = []

    public init(settings: OCPISettings, parties: OCPIPartyStore, clock: any StationClock, logger: Logger) {
        self.settings = settings
        self.parties = parties
        self.clock = clock
        self.logger = logger
    }

    /// Adds a module: its routes and its line in the version details.
    public mutating func add(_ module: some OCPIModule) {
        modules.append(module)
    }

    /// The endpoints of the 2.2.1 version details, one per module.
    public var endpoints: [Endpoint] {
        endpoints(for: nil, all: true)
    }

    /// The endpoints the version details show `party`: every module announced to it (all of them with `all`).
    public func endpoints(for party: OCPIParty?, all: Bool = false) -> [Endpoint] {
        modules.filter { all || $0.isAnnounced(to: party) }
            .map { Endpoint(identifier: $0.identifier, role: $0.role, url: settings.moduleURL($0.identifier)) }
    }

    /// The middleware for routes admitting `admission`: other code adding OCPI routes outside a module uses it.
    public func middleware(_ admission: OCPIAdmission) -> OCPIMiddleware {
        OCPIMiddleware(parties: parties, settings: settings, admission: admission, clock: clock, logger: logger)
    }

    public func addRoutes(to router: Router<CPMSRequestContext>) {
        let ocpi = router.group("ocpi", context: OCPIRequestContext.self)
        VersionsController(settings: settings, endpoints: { [self] in endpoints(for: $0) }).addRoutes(to: ocpi.group().add(middleware: middleware(.registrationToo)))
        for module in modules {
            module.addRoutes(to: ocpi.group(RouterPath("\(VersionNumber.v2_2_1.rawValue)/\(module.identifier.rawValue)")).add(middleware: middleware(module.admission)))
        }
        // Anything else under /ocpi: an envelope with the request ids too (after the token check), not a bare 404.
        let unknown = ocpi.group().add(middleware: middleware(.registrationToo))
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            unknown.on("**", method: method) { request, _ -> Response in
                throw OCPIError.notFound("no OCPI endpoint \(request.method) \(request.uri.path)")
            }
        }
    }
}
