import Foundation
import Hummingbird
import OCPI

/// The Sessions module as Sender (OCPI 2.2.1 mod_sessions, CPO side): the calling eMSP's own sessions as last
/// reported, paged (offset, limit, date_from, date_to on last_updated).
struct SessionsModule: OCPIModule {
    let store: SessionStore
    let settings: OCPISettings
    let pageLimit: Int

    var identifier: ModuleID { .sessions }
    var role: InterfaceRole { .sender }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            return try OCPIPagedReply.page(
                try await store.sessions(emsp: try context.party.name), lastUpdated: { $0.lastUpdated.date }, pagination: pagination,
                url: settings.moduleURL(identifier), context: context)
        }
    }
}
