import Hummingbird
import OCPP

/// `GET /api/stations...`: what cpms knows of its stations.
struct StationsController<Context: RequestContext>: Sendable {
    let registry: StationRegistry
    let reports: StationReports
    let connections: StationConnections

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("stations") { _, _ in try await list() }
        group.get("stations/:id") { _, context in try await show(try stationID(context)) }
        group.get("stations/:id/transactions") { request, context in
            let id = try stationID(context)
            _ = try await existing(id)
            let limit = try Self.integer(request, "limit", default: 100, range: 1...1_000)
            return try APIJSON.response(TransactionsView(station: id, transactions: try await reports.transactions(station: id, limit: limit)))
        }
        group.get("stations/:id/meter-values") { request, context in
            let id = try stationID(context)
            _ = try await existing(id)
            let evse = try Self.integer(request, "evse", default: 0, range: 0...10_000)
            let limit = try Self.integer(request, "limit", default: 100, range: 1...10_000)
            let values = try await reports.meterValues(station: id, evse: evse, limit: limit).map { value in
                MeterValuesView.Value(
                    evse: value.evse, timestamp: value.timestamp, energyWh: value.energyWh, powerW: value.powerW,
                    sampledValues: (try? JSONValue(parsing: value.sampledValuesJSON)) ?? .null)
            }
            return try APIJSON.response(MeterValuesView(station: id, evse: evse, meterValues: values))
        }
    }

    private func list() async throws -> Response {
        let stations = try await registry.all()
        let statuses = try await reports.evseStatuses()
        let live = Set(await connections.connectedStations)
        return try APIJSON.response(stations.map { station in
            StationSummaryView(
                id: station.id, connected: live.contains(station.id), lastSeen: station.lastSeen,
                duplicatesIgnored: station.duplicatesIgnored, evses: statuses[station.id] ?? [])
        })
    }

    private func show(_ id: String) async throws -> Response {
        let station = try await existing(id)
        let live = await connections.connection(id) != nil
        let boot = station.bootedAt.map { _ in
            StationDetailView.Boot(
                vendorName: station.vendorName, model: station.model, serialNumber: station.serialNumber,
                firmwareVersion: station.firmwareVersion, reason: station.bootReason, at: station.bootedAt)
        }
        return try APIJSON.response(StationDetailView(
            id: station.id, connected: live, createdAt: station.createdAt, lastSeen: station.lastSeen,
            duplicatesIgnored: station.duplicatesIgnored, timeZone: station.timeZone, boot: boot, evses: try await reports.evseStatuses(station: id)[id] ?? [],
            openSessions: try await reports.transactions(station: id, openOnly: true),
            latestBatteryTelemetry: try await reports.latestBatteryTelemetry(station: id)))
    }

    private func existing(_ id: String) async throws -> StationRecord {
        guard let station = try await registry.station(id) else { throw APIError(.notFound, "unknown station \(id)") }
        return station
    }

    private func stationID(_ context: Context) throws -> String {
        guard let id = context.parameters.get("id"), StationIdentity.isValid(id) else {
            throw APIError(.badRequest, "invalid station id")
        }
        return id
    }

    static func integer(_ request: Request, _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[name[...]] else { return value }
        guard let number = Int(String(text)), range.contains(number) else {
            throw APIError(.badRequest, "\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(text)\"")
        }
        return number
    }
}
