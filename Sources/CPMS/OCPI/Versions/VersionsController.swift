import Hummingbird
import OCPI

/// `GET /ocpi/versions` (the versions cpms speaks: 2.2.1) and `GET /ocpi/2.2.1` (its endpoints).
struct VersionsController: Sendable {
    let settings: OCPISettings
    /// The endpoints listed for the calling party (modules may be announced to some parties only).
    let endpoints: @Sendable (OCPIParty?) -> [Endpoint]

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get("versions") { _, context in
            try OCPIReply.success([Version(version: .v2_2_1, url: settings.versionDetailsURL)], context: context)
        }
        group.get(RouterPath(VersionNumber.v2_2_1.rawValue)) { _, context in
            try OCPIReply.success(VersionDetail(version: .v2_2_1, endpoints: endpoints(context.authentication?.party)), context: context)
        }
    }
}
