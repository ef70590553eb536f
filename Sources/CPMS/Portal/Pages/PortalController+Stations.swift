import Foundation
import Hummingbird

extension PortalRoute {
    static let stations = PortalRoute(.get, "/portal/stations", .permission(.viewStations))
}

/// `/portal/stations?q=&connection=`: every station as one row of a table (the overview's figures, from the same
/// queries), found by a part of its id and by its connection, each linked to its page.
extension PortalController {
    struct StationsView: Sendable, Encodable {
        let query: String
        let connection: String
        let shown: Int
        let total: Int
        let filtered: Bool
        let stations: [StationRow]
        let connectionChoices: [Choice]
    }

    /// A station's overview card as a table row: each socket one short text.
    struct StationRow: Sendable, Encodable {
        struct Socket: Sendable, Encodable {
            let text: String
            let statusClass: String
        }

        let card: StationCard
        let sockets: [Socket]

        init(_ card: StationCard) {
            self.card = card
            sockets = card.sockets.map { chip in
                Socket(text: [chip.label, chip.status, chip.power].filter { !$0.isEmpty }.joined(separator: " "), statusClass: chip.statusClass)
            }
        }
    }

    struct Choice: Sendable, Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    func stationsPage(_ request: Request, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        let parameters = request.uri.queryParameters
        let query = String(parameters["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let connection = String(parameters["connection"] ?? "")
        let overview = try await overview()
        let shown = Self.stations(overview.stations, matching: query, connection: connection)
        let choices = [("", "Any connection"), ("online", "Connected"), ("offline", "Offline")].map {
            Choice(value: $0.0, label: $0.1, selected: $0.0 == connection)
        }
        let view = StationsView(
            query: query, connection: connection, shown: shown.count, total: overview.stations.count,
            filtered: !query.isEmpty || !connection.isEmpty, stations: shown.map(StationRow.init), connectionChoices: choices)
        return try renderer.page(
            "stations",
            PortalPageContext(title: "Stations", chrome: chrome(session, current: PortalRoute.stations.path), notice: nil, scripts: [], content: view))
    }

    /// The cards whose id contains `query` (ignoring case) and whose connection class is `connection` (any when empty).
    static func stations(_ cards: [StationCard], matching query: String, connection: String) -> [StationCard] {
        cards.filter { card in
            (query.isEmpty || card.id.localizedCaseInsensitiveContains(query))
                && (connection.isEmpty || card.connectionClass == connection)
        }
    }
}
