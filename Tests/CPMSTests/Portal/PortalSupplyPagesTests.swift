@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import SupplyPlanning
import Testing

/// The Station and Energy pages through the application's router: the policy form (roles, CSRF, validation next
/// to its field, the audit log), the station page's sockets, availability and records (escaped), the plots' JSON,
/// and how chart points are made.
@Suite(.timeLimit(.minutes(3)))
struct PortalSupplyPagesTests {
    let portal = PortalRoutesTests()

    func policyKind(_ database: any CPMSDatabase) async throws -> String {
        SupplyPolicyDocument(try await SupplyPolicyStore(database: database).current().policy).kind
    }

    @Test func onlyAnAdminChangesThePolicyAndBadInputIsExplainedNextToItsField() async throws {
        try await portal.withPortal { fixture, client in
            var (admin, token) = try await portal.signIn(client, "admin")
            let refusals: [([String: String], String, String)] = [
                (["kind": "minimum_renewable_share", "share_percent": "150"], #"id="share-error""#, "The share must be 0 to 100 %."),
                (["kind": "minimum_renewable_share", "share_percent": "lots"], #"id="share-error""#, "Enter the least renewable share in percent"),
                (["kind": "cost_with_carbon_price", "price_per_kilogram": "-0.1"], #"id="price-error""#, "must be 0 or more"),
                (["kind": "cost_with_carbon_price", "price_per_kilogram": "cheap"], #"id="price-error""#, "Enter the price of a kilogram of CO2"),
                (["kind": "dearest"], #"id="kind-error""#, "Choose one of the four policies."),
            ]
            for (fields, field, message) in refusals {
                let response = try await portal.send(
                    client, &admin, .post, "/portal/energy/policy", form: fields.merging(["_csrf": token]) { $1 })
                #expect(response.status == .unprocessableContent, "\(fields)")
                let page = PortalRoutesTests.body(response)
                #expect(page.contains(field), "\(fields)")
                #expect(page.contains(message), "\(fields)")
                // What was typed is shown again.
                if let typed = fields["share_percent"] ?? fields["price_per_kilogram"] { #expect(page.contains(#"value="\#(typed)""#)) }
                #expect(try await policyKind(fixture.database) == "cheapest")
            }
            let withoutToken = try await portal.send(client, &admin, .post, "/portal/energy/policy", form: ["kind": "greenest"])
            #expect(withoutToken.status == .forbidden)
            #expect(try await policyKind(fixture.database) == "cheapest")

            for role in ["technician", "viewer"] {
                var (browser, theirs) = try await portal.signIn(client, role)
                let page = PortalRoutesTests.body(try await portal.send(client, &browser, .get, "/portal/energy"))
                #expect(!page.contains(#"id="policy-form""#), "\(role) sees the form")
                #expect(page.contains("Only admins change the policy."))
                let refused = try await portal.send(client, &browser, .post, "/portal/energy/policy", form: ["kind": "greenest", "_csrf": theirs])
                #expect(refused.status == .forbidden, "\(role)")
                #expect(try await policyKind(fixture.database) == "cheapest")
            }

            let saved = try await portal.send(
                client, &admin, .post, "/portal/energy/policy",
                form: ["kind": "minimum_renewable_share", "share_percent": "60", "price_per_kilogram": "", "_csrf": token])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/portal/energy?saved=1")
            let entry = try await SupplyPolicyStore(database: fixture.database).current()
            #expect(entry.policy == .minimumRenewableShare(0.6))
            #expect(entry.updatedBy == "admin")
            let (entries, _) = try await AuditLog(database: fixture.database).page(offset: 0, limit: 10)
            let audited = try #require(entries.first { $0.action == "energy.policy" })
            #expect(audited.actor == "admin" && audited.target == "supply-policy")
            #expect(audited.beforeJSON?.contains(#""kind":"cheapest""#) == true)
            #expect(audited.afterJSON?.contains(#""kind":"minimum_renewable_share""#) == true)
            #expect(audited.afterJSON?.contains(#""share":0.6"#) == true)
            let page = PortalRoutesTests.body(try await portal.send(client, &admin, .get, "/portal/energy?saved=1"))
            #expect(page.contains("Cheapest with at least \(PortalFormat.percent(60)) renewable energy."))
            #expect(page.contains("The policy was saved"))
            #expect(page.contains(#"value="60""#))
        }
    }

    @Test func theStationPageShowsSocketsWithWhoSetTheirAvailabilityEscapedAndItsPlotsData() async throws {
        try await portal.withPortal { fixture, client in
            let station = uniqueStationID("PORTAL")
            let now = fixture.clock.wallTime
            @Sendable func at(_ secondsAgo: Double) -> String { StoredTime.text(now.addingTimeInterval(-secondsAgo)) }
            try await StationRegistry(database: fixture.database).add(ids: [station], passwordHash: "not-a-real-hash", at: now)
            try await fixture.database.withConnection { connection in
                try await connection.raw("""
                    INSERT INTO evse_status (station, evse, connector, status, socket, updated_at) VALUES
                    ('\(unsafeRaw: station)', 1, 1, 'Available', 'A', '\(unsafeRaw: at(60))'),
                    ('\(unsafeRaw: station)', 2, 1, 'Unavailable', 'B', '\(unsafeRaw: at(60))')
                    """).run()
                try await connection.raw("""
                    INSERT INTO availability_audit (station, "timestamp", evse_id, socket, enabled, source, actor, reason, received_at) VALUES
                    ('\(unsafeRaw: station)', '\(unsafeRaw: at(7200))', 2, 'B', 1, 'central', NULL, NULL, '\(unsafeRaw: at(7200))'),
                    ('\(unsafeRaw: station)', '\(unsafeRaw: at(600))', 2, 'B', 0, 'technician', 'jdoe', '<script>alert(1)</script> cable', '\(unsafeRaw: at(600))')
                    """).run()
                for minutes in stride(from: 10.0, through: 300, by: 10) {
                    try await connection.raw("""
                        INSERT INTO meter_values (station, evse, "timestamp", sampled_values, power_w, received_at)
                        VALUES ('\(unsafeRaw: station)', 0, '\(unsafeRaw: at(minutes * 60))', '[]', \(literal: 5000 + minutes), '\(unsafeRaw: at(0))')
                        """).run()
                }
                // Hourly battery telemetry still makes a line (the gap is relative to how often the device reports).
                for hours in 1...6 {
                    try await connection.raw("""
                        INSERT INTO battery_telemetry (station, "timestamp", soc_percent, power_w, setpoint_w, mode, quality, received_at)
                        VALUES ('\(unsafeRaw: station)', '\(unsafeRaw: at(Double(hours) * 3600))', \(literal: 40.0 + Double(hours)), -1500, -1500, 'setpoint', 'fresh', '\(unsafeRaw: at(0))')
                        """).run()
                }
                // An old reading is outside the 24 hours.
                try await connection.raw("""
                    INSERT INTO meter_values (station, evse, "timestamp", sampled_values, power_w, received_at)
                    VALUES ('\(unsafeRaw: station)', 0, '\(unsafeRaw: at(90_000))', '[]', 1, '\(unsafeRaw: at(0))')
                    """).run()
            }
            var (viewer, _) = try await portal.signIn(client, "viewer")
            let response = try await portal.send(client, &viewer, .get, "/portal/stations/\(station)")
            #expect(response.status == .ok)
            let page = PortalRoutesTests.body(response)
            #expect(page.contains("technician (jdoe)"))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; cable"))
            #expect(!page.contains("<script>alert"))
            #expect(page.contains("Disabled"))
            #expect(page.contains(#"data-charts="/portal/stations/\#(station)/charts.json""#))
            #expect(page.contains(#"<script src="/portal/static/charts.js" defer></script>"#))

            let data = try await portal.send(client, &viewer, .get, "/portal/stations/\(station)/charts.json")
            #expect(data.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(data.body.readableBytesView)) as? [String: Any])
            let charts = try #require(json["charts"] as? [[String: Any]])
            #expect(charts.map { $0["id"] as? String } == ["grid", "sockets", "battery", "price"])
            func points(_ chart: String) -> [[Any]] {
                let series = charts.first { $0["id"] as? String == chart }?["series"] as? [[String: Any]] ?? []
                return series.flatMap { ($0["points"] as? [[Any]]) ?? [] }
            }
            #expect(points("grid").count == 30)
            #expect(points("grid").allSatisfy { !($0[1] is NSNull) })
            #expect(points("battery").count == 12)
            #expect(points("battery").allSatisfy { !($0[1] is NSNull) })
            #expect(points("sockets").isEmpty)
            #expect(points("price").isEmpty)

            let unknown = try await portal.send(client, &viewer, .get, "/portal/stations/NOPE-404")
            #expect(unknown.status == .notFound)
            #expect(try await portal.send(client, &viewer, .get, "/portal/stations/NOPE-404/charts.json").status == .notFound)
            var anonymous = PortalRoutesTests.Browser()
            #expect(try await portal.send(client, &anonymous, .get, "/portal/stations/\(station)/charts.json").status == .unauthorized)
        }
    }

    @Test func linesBreakWhereTheDeviceSaidNothingAndStepsHoldUntilTheWindowsEnd() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let everyMinute = (0..<10).map { (start.addingTimeInterval(Double($0) * 60), Double($0)) }
        let later = (0..<3).map { (start.addingTimeInterval(7200 + Double($0) * 60), 1.0) }
        let line = ChartPoints.line(everyMinute + later)
        #expect(line.count == 10 + 1 + 3)
        #expect(line[10].y == nil)
        // Many samples are averaged per minute.
        let dense = (0..<3000).map { (start.addingTimeInterval(Double($0)), $0 % 2 == 0 ? 0.0 : 2.0) }
        let averaged = ChartPoints.line(dense)
        #expect(averaged.count == 50)
        #expect(averaged.allSatisfy { $0.y == 1 })

        let window = 900.0
        let steps = ChartPoints.steps([
            (start, start.addingTimeInterval(window), 0.2), (start.addingTimeInterval(window), start.addingTimeInterval(2 * window), 0.3),
            (start.addingTimeInterval(3 * window), start.addingTimeInterval(4 * window), 0.25),
        ])
        #expect(steps.map(\.y) == [0.2, 0.3, nil, 0.25, 0.25])
        #expect(steps.last?.x == start.addingTimeInterval(4 * window).timeIntervalSince1970 * 1000)
    }
}
