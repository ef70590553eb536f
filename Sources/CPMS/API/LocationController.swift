import Foundation
import Hummingbird
import NIOCore
import OCPI
import StationCore

/// `/api/stations/{id}/location`: the station's site as an admin describes it (PUT replaces it, GET shows it).
///
/// A station is published as an OCPI Location once it has these details and at least one described EVSE. Bad input
/// is a 400 naming the field (in OCPI's field names, as the body spells them) and stores nothing.
struct LocationController<Context: RequestContext>: Sendable {
    let store: LocationStore
    let clock: any StationClock
    /// Pushes the station's Location to the eMSPs after a change.
    var pushes: LocationPushes?

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("stations/:id/location") { _, context in
            let station = try Self.station(context)
            guard let stored = try await store.stored(station: station) else {
                throw APIError(.notFound, "station \(station) has no location; set it with PUT /api/stations/\(station)/location")
            }
            return try Self.response(stored)
        }
        group.put("stations/:id/location") { request, context in
            let station = try Self.station(context)
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            let details: LocationDetails
            do {
                details = try LocationDetails.decodeRequest(Data(buffer.readableBytesView))
            } catch let error as OCPIDecodingError {
                throw APIError(.badRequest, error.field.isEmpty ? "invalid request body: \(error.message)" : "\(error.field): \(error.message)")
            }
            do {
                let stored = try await store.set(details, station: station, at: clock.wallTime)
                await pushes?.stationChanged(station)
                return try Self.response(stored)
            } catch let error as LocationStoreError {
                switch error {
                case .unknownStation: throw APIError(.notFound, error.description)
                case .stationIDUnfit, .noEVSECode: throw APIError(.badRequest, error.description)
                case .evseCodeTaken: throw APIError(.conflict, error.description)
                case .corrupt: throw error
                }
            }
        }
    }

    static func station(_ context: Context) throws -> String {
        guard let station = context.parameters.get("id"), StationIdentity.isValid(station) else { throw APIError(.badRequest, "invalid station id") }
        return station
    }

    /// The details as stored, with the station, the EVSE code in use and when they were set.
    static func response(_ stored: LocationStore.Stored) throws -> Response {
        guard var object = try JSONSerialization.jsonObject(with: try OCPICoding.encode(stored.details)) as? [String: Any] else {
            throw APIError(.internalServerError, "location details are not an object")
        }
        object["station"] = stored.station
        object["evse_code"] = stored.evseCode
        object["updated_at"] = StoredTime.text(stored.updatedAt)
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
