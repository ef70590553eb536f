import Foundation
import Hummingbird

/// `/portal/` and `/portal/overview.json`: every station's connection, sockets, grid power and battery, live.
extension PortalController {
    struct OverviewView: Sendable, Encodable {
        let stationCount: Int
        let updatedAt: String
        let liveURL = PortalRoute.overviewData.path
        let stations: [StationCard]
    }

    /// The page's view: the overview with its cards already written as HTML.
    struct OverviewPage: Sendable {
        let stationCount: Int
        let updatedAt: String
        let liveURL: String
        let stations: [StationCard]
        let cardsHTML: String

        init(_ view: OverviewView) {
            stationCount = view.stationCount
            updatedAt = view.updatedAt
            liveURL = view.liveURL
            stations = view.stations
            cardsHTML = OverviewCardsHTML.render(view.stations)
        }
    }

    /// One station's card; the JSON for the live updates has the same fields, already formatted.
    struct StationCard: Sendable, Encodable {
        let id: String
        let connection: String
        let connectionClass: String
        let grid: String
        let battery: String
        /// The current window's purchase price and DSO, and today's energy bought and its cost (issue 16's supply).
        let purchase: String
        let energyCost: String
        let lastSeen: String
        let sockets: [SocketChip]
    }

    struct SocketChip: Sendable, Encodable {
        let key: String
        let label: String
        let status: String
        let statusClass: String
        let power: String
    }

    func overviewPage(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        let view = try await overview()
        return try renderer.page(
            "overview",
            PortalPageContext(
                title: "Overview", chrome: chrome(session, current: "/portal/"), notice: nil, scripts: ["/portal/static/overview.js"],
                content: OverviewPage(view)))
    }

    func overviewData() async throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: OverviewJSON.encode(try await overview())))
    }

    func overview() async throws -> OverviewView {
        let now = clock.wallTime
        let stations = try await OverviewData(database: database).stations()
        // The supply figures are the overview's least essential part: if they cannot be read, the rest is shown.
        let supply: [String: OverviewSupply.Figures]
        do {
            supply = try await self.supply.figures(at: now)
        } catch {
            logger.error("portal overview: cannot read the supply figures: \(String(reflecting: error))")
            supply = [:]
        }
        let live = Set(await connections.connectedStations)
        return OverviewView(
            stationCount: stations.count, updatedAt: PortalFormat.clockTime(now),
            stations: stations.map { Self.card($0, supply: supply[$0.id] ?? .init(), connected: live.contains($0.id), now: now) })
    }

    static func card(_ station: OverviewData.Station, supply: OverviewSupply.Figures, connected: Bool, now: Date) -> StationCard {
        let multipleConnectors = Dictionary(grouping: station.sockets, by: \.evse).filter { $0.value.count > 1 }.keys
        let battery = station.battery.map { battery in
            "\(PortalFormat.percent(battery.socPercent)) · \(PortalFormat.batteryPower(battery.powerW))"
        }
        return StationCard(
            id: station.id, connection: connected ? "Connected" : "Offline", connectionClass: connected ? "online" : "offline",
            grid: grid(station.gridPowerW, capW: supply.current?.capW), battery: battery ?? "—",
            purchase: purchase(supply.current), energyCost: energyCost(supply.today),
            lastSeen: station.lastSeen.map { "Last message \(PortalFormat.age(from: $0, to: now))" } ?? "Never connected",
            sockets: station.sockets.map { socket in
                let name = socket.socket.map { "Socket \($0)" } ?? "EVSE \(socket.evse)"
                return SocketChip(
                    key: "\(socket.evse)/\(socket.connector)",
                    label: multipleConnectors.contains(socket.evse) ? "\(name)/\(socket.connector)" : name,
                    status: socket.status, statusClass: socket.status.lowercased().filter { $0.isLetter },
                    power: socket.powerW.map(PortalFormat.power) ?? "")
            })
    }

    /// "7.0 kW import of 11.0 kW cap": the grid meter's latest power against the station's cap in this window.
    static func grid(_ watts: Double?, capW: Double?) -> String {
        let power = watts.map(PortalFormat.gridPower) ?? "—"
        guard let capW else { return power }
        guard watts != nil else { return "— · cap \(PortalFormat.power(capW))" }
        return "\(power) of \(PortalFormat.power(capW)) cap"
    }

    static func purchase(_ current: OverviewSupply.Current?) -> String {
        guard let current else { return "No supply plan yet" }
        let price = PortalFormat.pricePerKWh(current.pricePerKWh, currency: current.currency)
        return current.dso.map { "\(price) · \($0)" } ?? "\(price) · no DSO's contract"
    }

    static func energyCost(_ today: SupplyMonitor.DayTotal?) -> String {
        guard let today, today.windowsWithEnergy > 0 else { return "—" }
        let energy = PortalFormat.energy(today.energyWh)
        guard let currency = today.currency else { return energy }
        return "\(energy) · \(PortalFormat.money(today.cost, currency: currency))"
    }
}
