@testable import CPMS
import Foundation
import Mustache
import Testing

/// The overview's cards and the Stations list's rows name their template fields themselves (`MustacheParent`,
/// instead of swift-mustache's `Mirror`): every stored field must be there under its own name, or a page would
/// silently lose it.
@Suite
struct OverviewTemplateValuesTests {
    typealias Portal = PortalController<CPMSRequestContext>

    static let card = Portal.card(
        OverviewData.Station(
            id: "ST-1", lastSeen: Date(timeIntervalSince1970: 1_800_000_000),
            sockets: [.init(evse: 1, connector: 1, status: "Charging", socket: "A", powerW: 7400)], gridPowerW: 9000,
            gridAt: Date(timeIntervalSince1970: 1_800_000_000), battery: .init(socPercent: 50, powerW: 1000, at: Date(timeIntervalSince1970: 1_800_000_000))),
        supply: .init(), connected: true, now: Date(timeIntervalSince1970: 1_800_000_060))

    /// Each field `Mirror` sees, compared by its description with what `child(named:)` gives.
    static func expectEveryField(of value: some MustacheParent, sourceLocation: SourceLocation = #_sourceLocation) {
        let fields = Mirror(reflecting: value).children.compactMap { child in child.label.map { ($0, child.value) } }
        #expect(!fields.isEmpty, sourceLocation: sourceLocation)
        for (name, field) in fields {
            let named = value.child(named: name)
            #expect(named.map { String(describing: $0) } == String(describing: field), "\(type(of: value)).\(name)", sourceLocation: sourceLocation)
        }
        #expect(value.child(named: "noSuchField") == nil, sourceLocation: sourceLocation)
    }

    @Test
    func aCardAndItsSocketsNameEveryField() throws {
        Self.expectEveryField(of: Self.card)
        Self.expectEveryField(of: try #require(Self.card.sockets.first))
    }

    @Test
    func aStationsRowAndItsSocketsNameEveryField() throws {
        let row = Portal.StationRow(Self.card)
        Self.expectEveryField(of: row)
        Self.expectEveryField(of: try #require(row.sockets.first))
    }

    @Test
    func theOverviewTemplateShowsEveryFieldOfACard() throws {
        let template = try MustacheTemplate(string: """
            {{#c}}{{id}}|{{connection}}|{{connectionClass}}|{{grid}}|{{battery}}|{{purchase}}|{{energyCost}}|{{lastSeen}}|\
            {{#sockets}}{{key}} {{label}} {{status}} {{statusClass}} {{power}};{{/sockets}}{{/c}}
            """)
        let card = Self.card
        let socket = try #require(card.sockets.first)
        let expected = [card.id, card.connection, card.connectionClass, card.grid, card.battery, card.purchase, card.energyCost, card.lastSeen, ""]
            .joined(separator: "|") + "\(socket.key) \(socket.label) \(socket.status) \(socket.statusClass) \(socket.power);"
        #expect(!expected.contains(where: { "<>&\"'".contains($0) }))
        #expect(template.render(["c": card]) == expected)
    }
}
