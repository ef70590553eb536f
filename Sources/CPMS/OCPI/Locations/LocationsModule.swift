import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import OCPI

/// The Locations module as Sender (OCPI 2.2.1 mod_locations, CPO side): the published Locations, paged, and one
/// Location, EVSE or Connector. Ids are compared as OCPI's CiString: without case.
struct LocationsModule: OCPIModule {
    let catalog: LocationCatalog
    let settings: OCPISettings
    /// The most objects one page holds (`cpms serve --ocpi-page-limit`).
    let pageLimit: Int

    var identifier: ModuleID { .locations }
    var role: InterfaceRole { .sender }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            let page = try await catalog.page(pagination, at: context.receivedAt)
            var headers = HTTPFields()
            for header in pagination.headers(of: page, url: settings.moduleURL(identifier)) {
                if let name = HTTPField.Name(header.name) { headers[name] = header.value }
            }
            headers[.contentType] = "application/json"
            let body = try catalog.encoded.envelope(page.objects, at: OCPIDateTime(context.receivedAt))
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        group.get(":location_id") { _, context in
            try OCPIReply.success(try await location(context), context: context)
        }
        group.get(":location_id/:evse_uid") { _, context in
            try OCPIReply.success(try evse(try await location(context), context), context: context)
        }
        group.get(":location_id/:evse_uid/:connector_id") { _, context in
            let evse = try evse(try await location(context), context)
            let id = try OCPIPagedReply.parameter("connector_id", context)
            guard let connector = evse.connectors.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
                throw OCPIError.notFound("unknown connector \(id) of EVSE \(evse.uid)", statusCode: .unknownLocation)
            }
            return try OCPIReply.success(connector, context: context)
        }
    }

    private func location(_ context: OCPIRequestContext) async throws -> Location {
        let id = try OCPIPagedReply.parameter("location_id", context)
        let now = context.receivedAt
        if let location = try await catalog.location(id, at: now) { return location }
        // Not the exact station id: OCPI ids are case-insensitive (some eMSPs store them in lower case).
        let matches = try await catalog.store.stations(matchingWithoutCase: id)
        guard matches.count == 1, let station = matches.first, let location = try await catalog.location(station, at: now) else {
            throw OCPIError.notFound("unknown location \(id)", statusCode: .unknownLocation)
        }
        return location
    }

    private func evse(_ location: Location, _ context: OCPIRequestContext) throws -> EVSE {
        let uid = try OCPIPagedReply.parameter("evse_uid", context)
        guard let evse = location.evses?.first(where: { $0.uid.caseInsensitiveCompare(uid) == .orderedSame }) else {
            throw OCPIError.notFound("unknown EVSE \(uid) at location \(location.id)", statusCode: .unknownLocation)
        }
        return evse
    }
}
