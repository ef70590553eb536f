import Foundation
import Hummingbird
import OCPP

extension PortalRoute {
    static let station = PortalRoute(.get, "/portal/stations/:id", .permission(.viewStations))
    static let stationCharts = PortalRoute(.get, "/portal/stations/:id/charts.json", .permission(.viewStations))
}

/// `/portal/stations/{id}`: one station's sockets (status, availability and who set it), its sessions with their
/// price, and plots of the last 24 hours drawn by `/portal/static/charts.js` from `charts.json`.
extension PortalController {
    struct StationView: Sendable {
        let id: String
        let connection: String
        let connectionClass: String
        let lastSeen: String
        let device: String?
        let group: String
        let chartsURL: String
        let sockets: [StationSocketRow]
        let changes: [AvailabilityRow]
        let openSessions: [OpenSessionRow]
        let records: [RecordRow]
    }

    struct StationSocketRow: Sendable {
        let name: String
        let status: String
        let statusClass: String
        let availability: String
        let availabilityClass: String
        let setBy: String
        let reason: String?
        let since: String?
        let power: String
    }

    struct AvailabilityRow: Sendable {
        let at: String
        let socket: String
        let change: String
        let changeClass: String
        let setBy: String
        let reason: String
    }

    struct OpenSessionRow: Sendable {
        let id: String
        let socket: String
        let token: String
        let started: String
        let state: String
        let energy: String
    }

    struct RecordRow: Sendable {
        let id: String
        let socket: String
        let token: String
        let started: String
        let stopped: String
        let energy: String
        let price: String
        let priceClass: String
        let tariff: String
    }

    func stationPage(_ id: String, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        guard StationIdentity.isValid(id), let station = try await StationRegistry(database: database).station(id) else {
            return try messagePage(
                session, status: .notFound, title: "No such station", heading: "No such station",
                text: "There is no station \(id).", current: "/portal/stations")
        }
        let now = clock.wallTime
        let data = StationPageData(database: database)
        let sockets = try await data.sockets(station: id)
        let names = Self.socketNames(sockets)
        let latest = try await data.latestAvailability(station: id)
        let overview = try await OverviewData(database: database).stations().first { $0.id == id }
        let live = await connections.connectedStations.contains(id)
        var group = id
        if let supply = energySupply { group = try await supply.monitor.group(of: id) }
        let view = StationView(
            id: id, connection: live ? "Connected" : "Offline", connectionClass: live ? "online" : "offline",
            lastSeen: station.lastSeen.flatMap(OCPPDateTime.parse).map { "Last message \(PortalFormat.age(from: $0, to: now))" } ?? "Never connected",
            device: [station.vendorName, station.model, station.firmwareVersion.map { "firmware \($0)" }].compactMap { $0 }.joined(separator: " · ")
                .nilIfEmpty,
            group: group == id ? "its own group" : "group \(group)", chartsURL: "/portal/stations/\(id)/charts.json",
            sockets: sockets.map { socket in
                let availability = [latest[socket.evse], latest[0]].compactMap { $0 }.max { $0.at < $1.at }
                let power = overview?.sockets.first { $0.evse == socket.evse && $0.connector == socket.connector }?.powerW
                return StationSocketRow(
                    name: Self.socketLabel(socket, sockets: sockets), status: socket.status,
                    statusClass: socket.status.lowercased().filter { $0.isLetter },
                    availability: availability.map { $0.enabled ? "Enabled" : "Disabled" } ?? (socket.status == "Unavailable" ? "Disabled" : "Enabled"),
                    availabilityClass: (availability.map { $0.enabled } ?? (socket.status != "Unavailable")) ? "enabled" : "disabled",
                    setBy: availability.map(Self.setBy) ?? "no change reported", reason: availability?.reason,
                    since: availability.map { PortalFormat.dateTime($0.at) + " UTC" }, power: power.map(PortalFormat.power) ?? "—")
            },
            changes: try await data.availabilityChanges(station: id, limit: 10).map { change in
                AvailabilityRow(
                    at: PortalFormat.dateTime(change.at), socket: change.evse == 0 ? "whole station" : (change.socket ?? names[change.evse] ?? "EVSE \(change.evse)"),
                    change: change.enabled ? "Enabled" : "Disabled", changeClass: change.enabled ? "enabled" : "disabled",
                    setBy: Self.setBy(change), reason: change.reason ?? "—")
            },
            openSessions: try await StationReports(database: database).transactions(station: id, openOnly: true, limit: 20).map { transaction in
                OpenSessionRow(
                    id: transaction.transactionId, socket: transaction.evse.map { names[$0] ?? "EVSE \($0)" } ?? "—",
                    token: transaction.idToken ?? "none", started: transaction.startedAt.flatMap(OCPPDateTime.parse).map(PortalFormat.dateTime) ?? "—",
                    state: transaction.chargingState ?? "—", energy: transaction.energyWh.map { Self.kWh($0) } ?? "—")
            },
            records: try await ChargingRecordStore(database: database).records(station: id, limit: 20).map { record in
                RecordRow(
                    id: record.transactionId, socket: record.evse.map { names[$0] ?? "EVSE \($0)" } ?? "—", token: record.idToken ?? "none",
                    started: OCPPDateTime.parse(record.startedAt).map(PortalFormat.dateTime) ?? record.startedAt,
                    stopped: OCPPDateTime.parse(record.stoppedAt).map(PortalFormat.dateTime) ?? record.stoppedAt,
                    energy: record.energyWh.flatMap(Double.init).map { Self.kWh($0) } ?? "—", price: Self.price(record),
                    priceClass: record.priceStatus == "priced" ? "" : "muted",
                    tariff: record.tariffId.map { id in record.tariffVersion.map { "\(id) v\($0)" } ?? id } ?? "—")
            })
        return try renderer.page(
            "station",
            PortalPageContext(
                title: "Station \(id)", chrome: chrome(session, current: "/portal/stations"), notice: nil,
                scripts: ["/portal/static/chart.js", "/portal/static/charts.js"], content: view))
    }

    func stationCharts(_ id: String) async throws -> Response {
        guard StationIdentity.isValid(id), try await StationRegistry(database: database).station(id) != nil else {
            return Self.json(#"{"error":"no such station"}"#, status: .notFound)
        }
        guard let supply = energySupply else { throw HTTPError(.serviceUnavailable, message: "The energy supply is not running.") }
        let now = clock.wallTime
        let names = Self.socketNames(try await StationPageData(database: database).sockets(station: id))
        let charts = try await StationPlots(database: database, supply: supply)
            .charts(station: id, socketNames: names, from: now.addingTimeInterval(-86_400), to: now, until: now.addingTimeInterval(6 * 3600))
        return try Self.json(charts)
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Each EVSE's socket name (the station's `socket` custom data), when it reported one.
    static func socketNames(_ sockets: [StationPageData.Socket]) -> [Int: String] {
        Dictionary(sockets.compactMap { socket in socket.socket.map { (socket.evse, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    static func socketLabel(_ socket: StationPageData.Socket, sockets: [StationPageData.Socket]) -> String {
        let name = socket.socket ?? "EVSE \(socket.evse)"
        return sockets.filter { $0.evse == socket.evse }.count > 1 ? "\(name)/\(socket.connector)" : name
    }

    static func setBy(_ change: StationPageData.AvailabilityChange) -> String {
        change.actor.map { "\(change.source) (\($0))" } ?? change.source
    }

    static func kWh(_ wattHours: Double) -> String {
        String(format: "%.2f kWh", wattHours / 1000)
    }

    static func price(_ record: StoredChargingRecord) -> String {
        switch record.priceStatus {
        case "priced":
            guard let total = record.totalInclVAT else { return "—" }
            let amount = Decimal(string: total, locale: Locale(identifier: "en_US_POSIX")).map { String(format: "%.2f", NSDecimalNumber(decimal: $0).doubleValue) } ?? total
            return "\(amount) \(record.currency ?? "") incl. VAT"
        case "no_tariff": return "no tariff"
        default: return "not priced"
        }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
