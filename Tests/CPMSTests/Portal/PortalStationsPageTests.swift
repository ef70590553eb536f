@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `/portal/stations`: every station as a row with its overview figures, filtered by id and connection, escaped.
@Suite(.timeLimit(.minutes(3)))
struct PortalStationsPageTests {
    let portal = PortalRoutesTests()

    @Test func everyStationIsListedAndTheFiltersNarrowTheList() async throws {
        try await portal.withPortal { fixture, client in
            let prefix = uniqueStationID("LIST")
            let depot = "\(prefix)-DEPOT"
            let street = "\(prefix)-STREET"
            let now = fixture.clock.wallTime
            try await StationRegistry(database: fixture.database).add(ids: [depot, street], passwordHash: "not-a-real-hash", at: now)
            try await fixture.database.withConnection { connection in
                try await connection.raw("""
                    INSERT INTO evse_status (station, evse, connector, status, socket, updated_at) VALUES
                    ('\(unsafeRaw: depot)', 1, 1, 'Occupied', 'A', '\(unsafeRaw: StoredTime.text(now))')
                    """).run()
            }
            var (viewer, _) = try await portal.signIn(client, "viewer")

            let all = PortalRoutesTests.body(try await portal.send(client, &viewer, .get, "/portal/stations?q=\(prefix)"))
            #expect(all.contains(#"<a href="/portal/stations/\#(depot)">\#(depot)</a>"#))
            #expect(all.contains(#"<a href="/portal/stations/\#(street)">\#(street)</a>"#))
            #expect(all.contains(#"<span class="socket-inline status-occupied">Socket A Occupied</span>"#))
            #expect(all.contains("none reported"))
            #expect(all.contains("2 of "))

            let one = PortalRoutesTests.body(try await portal.send(client, &viewer, .get, "/portal/stations?q=\(prefix.lowercased())-dep"))
            #expect(one.contains(depot))
            #expect(!one.contains(street))

            // Neither station has an open OCPP connection in this test.
            let online = PortalRoutesTests.body(try await portal.send(client, &viewer, .get, "/portal/stations?q=\(prefix)&connection=online"))
            #expect(!online.contains("/portal/stations/\(depot)"))
            #expect(online.contains("No station matches."))
            let offline = PortalRoutesTests.body(try await portal.send(client, &viewer, .get, "/portal/stations?q=\(prefix)&connection=offline"))
            #expect(offline.contains(#"<option value="offline" selected>Offline</option>"#))
            #expect(offline.contains(street))

            let hostile = PortalRoutesTests.body(try await portal.send(client, &viewer, .get, "/portal/stations?q=%3Cscript%3E"))
            #expect(hostile.contains(#"value="&lt;script&gt;""#))
            #expect(!hostile.contains("<script>"))
            #expect(hostile.contains("No station matches."))
        }
    }

    @Test func signedOutTheListSendsToTheLogin() async throws {
        try await portal.withPortal { _, client in
            try await client.execute(uri: "/portal/stations", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location]?.hasPrefix("/portal/login") == true)
            }
        }
    }
}
