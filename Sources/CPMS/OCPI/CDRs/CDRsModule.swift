import Foundation
import Hummingbird
import OCPI

/// The CDRs module as Sender (OCPI 2.2.1 mod_cdrs, CPO side): the CDRs sent to the calling eMSP, paged, and one
/// of them by id (`GET .../cdrs/{id}`, cpms's addition; 2.2.1's Sender interface has only the list). Held CDRs
/// (records that could not be priced) are not served.
struct CDRsModule: OCPIModule {
    let store: CDRStore
    let settings: OCPISettings
    let pageLimit: Int

    var identifier: ModuleID { .cdrs }
    var role: InterfaceRole { .sender }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            return try OCPIPagedReply.page(
                try await store.cdrs(emsp: try context.party.name), lastUpdated: { $0.lastUpdated.date }, pagination: pagination,
                url: settings.moduleURL(identifier), context: context)
        }
        group.get(":cdr_id") { _, context in
            let id = try OCPIPagedReply.parameter("cdr_id", context)
            guard let cdr = try await store.cdrs(emsp: try context.party.name).first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame })
            else { throw OCPIError.notFound("unknown CDR \(id)") }
            return try OCPIReply.success(cdr, context: context)
        }
    }
}
