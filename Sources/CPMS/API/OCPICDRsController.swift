import Foundation
import Hummingbird

/// `GET /api/ocpi/cdrs[?status=held|sent&limit=N]`: the CDRs written for eMSPs' sessions, newest first; a held one
/// (its charging record could not be priced) with the reason it was not sent.
struct OCPICDRsController<Context: RequestContext>: Sendable {
    let store: CDRStore

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("ocpi/cdrs") { request, _ in
            let status = request.uri.queryParameters["status"].map(String.init)
            if let status, status != "held", status != "sent" { throw APIError(.badRequest, "status: must be held or sent") }
            let limit = try StationsController<Context>.integer(request, "limit", default: 100, range: 1...10_000)
            return try APIJSON.response(try await store.entries(status: status, limit: limit))
        }
    }
}
