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

/// The overview's direct writers give what the general ones gave: the live update's JSON what `JSONEncoder` with
/// sorted keys writes, the cards' HTML what the mustache section they replace renders, for hostile values too.
@Suite
struct OverviewWritersTests {
    typealias Portal = PortalController<CPMSRequestContext>

    /// The card section as the overview template had it.
    static let cardSection = """
        {{#stations}}
          <article class="card station" data-station="{{id}}">
            <header>
              <h2><a href="/portal/stations/{{id}}">{{id}}</a></h2>
              <span class="badge {{connectionClass}}" data-field="connection">{{connection}}</span>
            </header>
            <dl class="facts">
              <div><dt>Grid power</dt><dd data-field="grid">{{grid}}</dd></div>
              <div><dt>Battery</dt><dd data-field="battery">{{battery}}</dd></div>
              <div><dt>Purchase price · DSO</dt><dd data-field="purchase">{{purchase}}</dd></div>
              <div><dt>Bought today · cost</dt><dd data-field="energy-cost">{{energyCost}}</dd></div>
            </dl>
            <ul class="sockets" data-field="sockets">
              {{#sockets}}<li class="socket status-{{statusClass}}" data-socket="{{key}}"><span class="socket-name">{{label}}</span> <span class="socket-status">{{status}}</span> <span class="socket-power">{{power}}</span></li>{{/sockets}}
              {{^sockets}}<li class="socket none">No sockets reported yet</li>{{/sockets}}
            </ul>
            <p class="muted small" data-field="last-seen">{{lastSeen}}</p>
          </article>
        {{/stations}}
        """

    static let hostile = ["plain", "<script>alert('x')</script>", "a & b \"quoted\"", "back\\slash/slash", "tab\tnew\nline\r\u{01}\u{1F}\u{7F}",
                          "ünïcödé · 7.4\u{00A0}kW 🚗", "", "{{id}}"]

    static func cards() -> [Portal.StationCard] {
        hostile.indices.map { n in
            let text = hostile[n], other = hostile[(n + 3) % hostile.count]
            return Portal.StationCard(
                id: "ST-\(n)\(text)", connection: text, connectionClass: other, grid: other, battery: text, purchase: other, energyCost: text,
                lastSeen: other,
                sockets: n % 3 == 0 ? [] : (0..<n % 3).map { s in
                    Portal.SocketChip(key: "\(s)/\(n)", label: text, status: other, statusClass: text, power: other)
                })
        }
    }

    @Test
    func theLiveUpdateIsWhatJSONEncoderWrites() throws {
        for view in [
            Portal.OverviewView(stationCount: 8, updatedAt: "08:00:00 UTC", stations: Self.cards()),
            Portal.OverviewView(stationCount: 0, updatedAt: "a\"b", stations: []),
        ] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let expected = try encoder.encode(view)
            let written = OverviewJSON.encode(view)
            #expect(Array(written.readableBytesView) == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test
    func theCardsAreWhatTheTemplateSectionRendered() throws {
        let template = try MustacheTemplate(string: Self.cardSection)
        let cards = Self.cards()
        #expect(OverviewCardsHTML.render(cards) == template.render(["stations": cards]))
        #expect(OverviewCardsHTML.render([Portal.StationCard]()) == template.render(["stations": [Portal.StationCard]()]))
        #expect(!OverviewCardsHTML.render(cards).contains("<script>"))
    }
}
