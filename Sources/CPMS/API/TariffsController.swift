import Foundation
import Hummingbird
import OCPP
import StationCore
import Tariffs

/// `/api/tariffs...`: the CPO's tariffs (OCPI 2.2.1 JSON) with their versions, and where they apply.
///
/// A refused request (bad OCPI JSON, an unknown tariff or station) changes nothing.
struct TariffsController<Context: RequestContext>: Sendable {
    let store: TariffStore
    let clock: any StationClock
    /// Push a saved tariff, and the Locations of a station given a tariff, to the eMSPs.
    var tariffPushes: TariffPushes?
    var locationPushes: LocationPushes?

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("tariffs") { _, _ in
            try APIJSON.response(try await store.latestVersions().map(TariffSummaryView.init))
        }
        group.get("tariffs/:id") { _, context in
            let id = try tariffID(context)
            let versions = try await store.versions(of: id)
            guard !versions.isEmpty else { throw APIError(.notFound, "unknown tariff \(id)") }
            return try APIJSON.response(TariffDetailView(id: id, versions: versions.map(TariffVersionView.init)))
        }
        group.post("tariffs") { request, _ in
            let tariff = try await Self.tariff(request)
            do {
                let version = try await store.create(tariff, at: clock.wallTime)
                await tariffPushes?.tariffChanged(version.tariffID)
                return try APIJSON.response(TariffVersionView(version), status: .created)
            } catch TariffStoreError.duplicate(let id) {
                throw APIError(.conflict, "tariff \(id) already exists; edit it with PUT /api/tariffs/\(id)")
            }
        }
        group.put("tariffs/:id") { request, context in
            let id = try tariffID(context)
            let tariff = try await Self.tariff(request)
            guard tariff.id == id else { throw APIError(.badRequest, "invalid tariff: id: must be \"\(id)\" as in the path, got \"\(tariff.id)\"") }
            do {
                let version = try await store.edit(tariff, at: clock.wallTime)
                await tariffPushes?.tariffChanged(version.tariffID)
                return try APIJSON.response(TariffVersionView(version), status: .created)
            } catch TariffStoreError.unknownTariff(let id) {
                throw APIError(.notFound, "unknown tariff \(id); create it with POST /api/tariffs")
            }
        }
        group.post("tariffs/:id/assignments") { request, context in
            let id = try tariffID(context)
            let body = try await APIJSON.body(AssignmentBody.self, of: request, context: context)
            guard StationIdentity.isValid(body.station) else { throw APIError(.badRequest, "station: not a valid station id") }
            let target: TariffTarget
            do {
                target = try TariffTarget(station: body.station, evse: body.evseId, connector: body.connectorId)
            } catch let error as TariffStoreError {
                throw APIError(.badRequest, Self.targetMessage(error))
            }
            let at = clock.wallTime
            do {
                try await store.assign(id, to: target, at: at)
                await locationPushes?.stationChanged(target.station)
            } catch TariffStoreError.unknownTariff(let id) {
                throw APIError(.notFound, "unknown tariff \(id)")
            } catch TariffStoreError.unknownStation(let station) {
                throw APIError(.badRequest, "station: unknown station \(station)")
            }
            return try APIJSON.response(
                AssignmentView(tariffId: id, station: target.station, evseId: target.evse, connectorId: target.connector, validFrom: StoredTime.text(at)),
                status: .created)
        }
        group.get("stations/:id/tariff") { request, context in
            guard let station = context.parameters.get("id"), StationIdentity.isValid(station) else {
                throw APIError(.badRequest, "invalid station id")
            }
            let evse = try Self.optionalInteger(request, "evse")
            let connector = try Self.optionalInteger(request, "connector")
            let at = try request.uri.queryParameters["at"].map { try CommandBodies.date(String($0), field: "at") } ?? clock.wallTime
            let target: TariffTarget
            do {
                target = try TariffTarget(station: station, evse: evse, connector: connector)
            } catch let error as TariffStoreError {
                throw APIError(.badRequest, Self.targetMessage(error, suffix: ""))
            }
            guard let version = try await store.versionInForce(for: target, at: at) else {
                throw APIError(.notFound, "no tariff is assigned to \(target) at \(StoredTime.text(at))")
            }
            return try APIJSON.response(TariffVersionView(version))
        }
    }

    struct AssignmentBody: Decodable {
        var station: String
        var evseId: Int?
        var connectorId: Int?
    }

    /// The request's body as an OCPI tariff; bad JSON is a 400 naming the field ("elements[0].price_components[0].price").
    static func tariff(_ request: Request) async throws -> Tariff {
        var request = request
        let buffer = try await request.collectBody(upTo: 1 << 20)
        do {
            return try OCPIJSON.decodeTariff(Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "invalid tariff: \(error)")
        }
    }

    /// TariffTarget's message naming the field as the request spells it (`evse_id` in a body, `evse` in a query).
    static func targetMessage(_ error: TariffStoreError, suffix: String = "_id") -> String {
        switch error {
        case .invalidTarget(let why) where why.hasPrefix("evse"): "evse\(suffix): " + why.dropFirst("evse ".count)
        case .invalidTarget(let why) where why.hasPrefix("connector"): "connector\(suffix): " + why.dropFirst("connector ".count)
        case .invalidTarget: "connector\(suffix): a connector needs its evse\(suffix)"
        default: "\(error)"
        }
    }

    static func optionalInteger(_ request: Request, _ name: String) throws -> Int? {
        guard let text = request.uri.queryParameters[name[...]] else { return nil }
        guard let number = Int(String(text)) else { throw APIError(.badRequest, "\(name) must be an integer, got \"\(text)\"") }
        return number
    }

    private func tariffID(_ context: Context) throws -> String {
        guard let id = context.parameters.get("id"), (1...36).contains(id.count) else { throw APIError(.badRequest, "invalid tariff id") }
        return id
    }
}
