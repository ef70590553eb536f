@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import StationTesting
import Tariffs
import Testing

/// The Tariffs and eMSPs pages through the application's router: the price edit (a new version, queued for
/// every eMSP, audited), bad prices explained and nothing saved, the edit refused for technicians and viewers,
/// the push status per eMSP from the queue's tables, and the eMSPs page.
@Suite(.timeLimit(.minutes(3)))
struct PortalTariffPagesTests {
    let portal = PortalRoutesTests()
    typealias Page = PortalRoutesTests

    static let tariffJSON = """
        {"country_code": "NL", "party_id": "SMR", "id": "AC-1", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21, "step_size": 1}, {"type": "FLAT", "price": 1.00, "vat": 21, "step_size": 1}]},
           {"price_components": [{"type": "PARKING_TIME", "price": 2.50, "vat": 21, "step_size": 60}],
            "restrictions": {"start_time": "18:00", "end_time": "08:00", "day_of_week": ["MONDAY", "TUESDAY"], "max_power": 11}}],
         "energy_mix": {"is_green_energy": true, "supplier_name": "Windkracht <b>", "energy_sources": [{"source": "WIND", "percentage": 80}, {"source": "SOLAR", "percentage": 20}]},
         "last_updated": "2026-01-01T00:00:00Z"}
        """

    /// The portal with the tariff AC-1 (version 1) and a registered eMSP `tnm` that receives tariffs, which took
    /// version 1 already. Nothing is delivered while the test runs (the pushes stay in the queue for the test to
    /// look at), and the publication sweep, which also runs when the application starts, finds nothing to do.
    func withSeededPortal(_ body: @escaping @Sendable (PortalRoutesTests.Fixture, any TestClientProtocol) async throws -> Void) async throws {
        try await portal.withPortal(configure: { $0.ocpiPushDelivery.onlyParties = [] }) { fixture, client in
            _ = try await TariffStore(database: fixture.database).create(
                try OCPIJSON.decodeTariff(Data(Self.tariffJSON.utf8)), at: fixture.clock.wallTime)
            try await OCPIProducerTests.register("tnm", on: fixture.database)
            let settings = CPMSConfiguration(host: "127.0.0.1", port: 0).ocpi
            let pushes = TariffPushes(
                database: fixture.database, queue: OCPIPushQueue(database: fixture.database, wake: {}),
                party: try CPOParty(countryCode: settings.countryCode, partyID: settings.partyID), now: { fixture.clock.wallTime }, logger: .quiet)
            try await pushes.sweep()
            try await fixture.database.withConnection { try await $0.delete(from: "ocpi_push_queue").run() }
            try await body(fixture, client)
        }
    }

    func prices(_ version: Int, energy: String, flat: String = "1", parking: String = "2.5") -> [String: String] {
        ["version": "\(version)", "price-0-0": energy, "price-0-1": flat, "price-1-0": parking]
    }

    func auditActions(_ database: any CPMSDatabase) async throws -> [String] {
        try await AuditLog(database: database).page(offset: 0, limit: 100).entries.map(\.action)
    }

    @Test func anAdminsSaveIsANewVersionQueuedForEveryEMSPAndAudited() async throws {
        try await withSeededPortal { fixture, client in
            var (admin, token) = try await portal.signIn(client, "admin")
            let list = Page.body(try await portal.send(client, &admin, .get, "/portal/tariffs"))
            #expect(list.contains(#"href="/portal/tariffs/AC-1""#))
            #expect(list.contains("0.3 EUR/kWh + 1 EUR per session · 2.5 EUR/h"))
            let page = Page.body(try await portal.send(client, &admin, .get, "/portal/tariffs/AC-1"))
            #expect(page.contains(#"id="save-changes""#))
            #expect(page.contains(#"name="price-0-0" type="text" inputmode="decimal" autocomplete="off" value="0.3""#))
            #expect(page.contains("Time of day 18:00 to 08:00"))
            #expect(page.contains("Days: Mon, Tue"))
            #expect(page.contains("Power up to 11 kW"))
            #expect(page.contains("wind: 80 %"))
            #expect(page.contains("Windkracht &lt;b&gt;"))
            #expect(page.contains(#"data-field="push-state">delivered<"#), "the eMSP took version 1")

            fixture.clock.advance(by: .seconds(60))
            let saved = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.35").merging(["_csrf": token]) { $1 })
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/portal/tariffs/AC-1?saved=2")

            let versions = try await TariffStore(database: fixture.database).versions(of: "AC-1")
            #expect(versions.map(\.version) == [1, 2])
            #expect(versions.last?.tariff.elements[0].priceComponents[0].price == Decimal(string: "0.35"))
            #expect(versions.last?.tariff.elements[0].priceComponents[1].price == 1)
            #expect(versions.last?.validFrom == fixture.clock.wallTime)

            let queued = try await OCPIProducerTests.queued("tnm", on: fixture.database).filter { $0.key == "tariff/AC-1" }
            #expect(queued.count == 1)
            #expect(queued.first?.method == "PUT")
            #expect(queued.first?.path == ["DE", "STM", "AC-1"], "the CPO party of the configuration")
            let elements = queued.first?.body["elements"] as? [[String: Any]]
            let components = elements?.first?["price_components"] as? [[String: Any]]
            #expect((components?.first?["price"] as? NSNumber)?.doubleValue == 0.35)

            let entry = try #require(try await AuditLog(database: fixture.database).page(offset: 0, limit: 10).entries.first)
            #expect(entry.action == "tariff.update")
            #expect(entry.target == "tariff:AC-1")
            #expect(entry.actor == "admin")
            #expect(entry.beforeJSON?.contains(#""price":"0.3","type":"ENERGY""#) == true)
            #expect(entry.afterJSON?.contains(#""price":"0.35","type":"ENERGY""#) == true)
            #expect(entry.afterJSON?.contains(#""version":2"#) == true)

            let after = Page.body(try await portal.send(client, &admin, .get, "/portal/tariffs/AC-1?saved=2"))
            #expect(after.contains("Saved as version 2"))
            #expect(after.contains(#"value="0.35""#))
            #expect(after.contains(#"<tr data-version="1">"#))
            #expect(after.contains(#"data-field="push-state">queued<"#))
        }
    }

    @Test func thePushStatusPerEMSPFollowsTheQueueFailingDeadLetterDelivered() async throws {
        try await withSeededPortal { fixture, client in
            try await OCPIProducerTests.register("other", receiving: [.locations], on: fixture.database)
            var (admin, token) = try await portal.signIn(client, "admin")
            _ = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.4").merging(["_csrf": token]) { $1 })
            func state() async throws -> String {
                Page.body(try await portal.send(client, &admin, .get, "/portal/tariffs/AC-1"))
            }
            #expect(try await state().contains(#"data-field="push-state">not taken<"#), "other has no tariffs receiver")
            try await fixture.database.withConnection { connection in
                try await connection.update("ocpi_push_queue").set("attempts", to: 3).set("last_error", to: "HTTP 503 from the eMSP <x>")
                    .set("last_attempt_at", to: StoredTime.text(fixture.clock.wallTime)).where("party", .equal, "tnm").run()
            }
            var page = try await state()
            #expect(page.contains(#"data-field="push-state">failing<"#))
            #expect(page.contains("3 failed attempts: HTTP 503 from the eMSP &lt;x&gt;"))
            try await fixture.database.withConnection { connection in
                try await connection.raw(
                    """
                    INSERT INTO ocpi_push_dead_letters (party, seq, object_key, module, path_json, url, method, body, request_id, enqueued_at, attempts, last_error, reason, dead_at)
                    SELECT party, seq, object_key, module, path_json, url, method, body, request_id, enqueued_at, attempts, last_error, 'HTTP 400: unknown party', enqueued_at FROM ocpi_push_queue
                    """).run()
                try await connection.delete(from: "ocpi_push_queue").run()
            }
            page = try await state()
            #expect(page.contains(#"data-field="push-state">dead letter<"#))
            #expect(page.contains("HTTP 400: unknown party"))
            // The next save is pushed and taken: its row leaves the queue, and the older dead letter no longer counts.
            fixture.clock.advance(by: .seconds(5))
            _ = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(2, energy: "0.45").merging(["_csrf": token]) { $1 })
            #expect(try await state().contains(#"data-field="push-state">queued<"#))
            try await fixture.database.withConnection { try await $0.delete(from: "ocpi_push_queue").run() }
            #expect(try await state().contains(#"data-field="push-state">delivered<"#))
        }
    }

    @Test func badPricesAreExplainedNextToTheirFieldAndNothingIsSaved() async throws {
        try await withSeededPortal { fixture, client in
            var (admin, token) = try await portal.signIn(client, "admin")
            let cases: [(String, String)] = [
                ("abc", "not a number"), ("-0.1", "must not be negative"), ("0.12345", "at most 4 decimals"), ("", "enter a price"),
                ("0,35", "use a dot"), ("1e3", "not a number"), ("99999999", "too large"),
            ]
            for (typed, message) in cases {
                let response = try await portal.send(
                    client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: typed).merging(["_csrf": token]) { $1 })
                #expect(response.status == .unprocessableContent, "\(typed)")
                let page = Page.body(response)
                #expect(page.contains(#"<p class="field-error" id="price-0-0-error">"#), "\(typed)")
                #expect(page.contains(message), "\(typed): \(message)")
                #expect(page.contains("Nothing was saved"), "\(typed)")
                #expect(!page.contains(#"id="price-0-1-error""#), "\(typed): the good field has no error")
            }
            // The typed value is kept so it can be corrected; several bad fields are each explained.
            let both = Page.body(try await portal.send(
                client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "x<y", flat: "-2").merging(["_csrf": token]) { $1 }))
            #expect(both.contains(#"value="x&lt;y""#))
            #expect(both.contains(#"id="price-0-1-error">must not be negative"#))
            #expect(try await TariffStore(database: fixture.database).versions(of: "AC-1").count == 1)
            #expect(try await OCPIProducerTests.queued("tnm", on: fixture.database).filter { $0.key.hasPrefix("tariff/") }.isEmpty)
            #expect(!(try await auditActions(fixture.database)).contains("tariff.update"))

            // Unchanged prices save nothing either.
            let same = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.30").merging(["_csrf": token]) { $1 })
            #expect(same.headers[.location] == "/portal/tariffs/AC-1?unchanged=1")
            #expect(try await TariffStore(database: fixture.database).versions(of: "AC-1").count == 1)
        }
    }

    @Test func anEditOfAVersionThatIsNoLongerCurrentIsRefused() async throws {
        try await withSeededPortal { fixture, client in
            var (admin, token) = try await portal.signIn(client, "admin")
            _ = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.31").merging(["_csrf": token]) { $1 })
            let stale = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.99").merging(["_csrf": token]) { $1 })
            #expect(stale.status == .conflict)
            #expect(Page.body(stale).contains("changed by someone else meanwhile (now version 2)"))
            #expect(try await TariffStore(database: fixture.database).versions(of: "AC-1").last?.tariff.elements[0].priceComponents[0].price == Decimal(string: "0.31"))
        }
    }

    @Test func techniciansAndViewersSeeNoSaveButtonAndTheirPostIsRefused() async throws {
        try await withSeededPortal { fixture, client in
            for role in ["technician", "viewer"] {
                var (browser, token) = try await portal.signIn(client, role)
                let page = try await portal.send(client, &browser, .get, "/portal/tariffs/AC-1")
                #expect(page.status == .ok)
                let html = Page.body(page)
                #expect(!html.contains("save-changes"), "\(role)")
                #expect(!html.contains("<input id=\"price-0-0\""), "\(role)")
                #expect(html.contains(#"<span class="price" id="price-0-0">0.3</span>"#), "\(role)")
                let forged = try await portal.send(
                    client, &browser, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.01").merging(["_csrf": token]) { $1 })
                #expect(forged.status == .forbidden, "\(role)")
                let emsps = try await portal.send(client, &browser, .get, "/portal/emsps")
                #expect(emsps.status == .forbidden, "\(role)")
            }
            var (admin, _) = try await portal.signIn(client, "admin")
            let noToken = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.01"))
            #expect(noToken.status == .forbidden)
            #expect(try await TariffStore(database: fixture.database).versions(of: "AC-1").count == 1)
            #expect(try await OCPIProducerTests.queued("tnm", on: fixture.database).filter { $0.key.hasPrefix("tariff/") }.isEmpty)
        }
    }

    @Test func theEMSPsPageShowsRolesEndpointsAndTheQueue() async throws {
        try await withSeededPortal { fixture, client in
            var (admin, token) = try await portal.signIn(client, "admin")
            _ = try await portal.send(client, &admin, .post, "/portal/tariffs/AC-1", form: prices(1, energy: "0.4").merging(["_csrf": token]) { $1 })
            try await fixture.database.withConnection { connection in
                try await connection.update("ocpi_push_queue").set("attempts", to: 2).set("last_error", to: "connection refused")
                    .set("last_attempt_at", to: StoredTime.text(fixture.clock.wallTime)).where("object_key", .equal, "tariff/AC-1").run()
            }
            fixture.clock.advance(by: .seconds(125))
            let summary = try #require(try await OCPIPushStore(database: fixture.database).summaries(at: fixture.clock.wallTime).first { $0.emsp == "tnm" })
            let page = Page.body(try await portal.send(client, &admin, .get, "/portal/emsps"))
            #expect(page.contains(#"data-emsp="tnm""#))
            #expect(page.contains("EMSP NL*TNM (tnm)"))
            #expect(page.contains("2.2.1"))
            #expect(page.contains("http://127.0.0.1:9/tariffs"))
            #expect(summary.length >= 1)
            #expect(page.contains(#"data-field="queue-length">\#(summary.length)<"#))
            #expect(page.contains(#"data-field="queue-oldest">2 min<"#))
            #expect(page.contains("2 (at most 2 on one push)"))
            #expect(page.contains("connection refused"))
        }
    }

    @Test func aTariffNotPublishedYetIsNotPushedThenQueuedOnceTheSweepPublishesIt() async throws {
        let database = try await TestBackend.sqlite.open()
        defer { Task { await database.shutdown() } }
        let clock = ManualClock()
        _ = try await TariffStore(database: database).create(try OCPIJSON.decodeTariff(Data(Self.tariffJSON.utf8)), at: clock.wallTime)
        try await OCPIProducerTests.register("tnm", on: database)
        func states() async throws -> [String] {
            try await TariffPushStatus.read(tariffID: "AC-1", parties: try await OCPIPartyStore(database: database).all(), database: database)
                .map { "\($0.emsp): \($0.state.rawValue)" }
        }
        #expect(try await states() == ["tnm: not pushed"])
        let pushes = TariffPushes(
            database: database, queue: OCPIPushQueue(database: database, wake: {}), party: try CPOParty(countryCode: "DE", partyID: "STM"),
            now: { clock.wallTime }, logger: .quiet)
        #expect(try await pushes.sweep() == 1)
        #expect(try await states() == ["tnm: queued"])
    }

    @Test func aPriceIsAPlainNumberNotNegativeWithAtMostFourDecimals() {
        func ok(_ text: String) -> Decimal? { try? TariffPriceEdit.price(text).get() }
        #expect(ok("0.35") == Decimal(string: "0.35"))
        #expect(ok(" 12 ") == 12)
        #expect(ok("0.1234") == Decimal(string: "0.1234"))
        #expect(ok("0") == 0)
        for bad in ["", " ", "-1", "0.12345", "abc", "1.", ".5", "1.2.3", "1e2", "0x10", "1,5", "+1", "٣", "1000001"] {
            #expect(ok(bad) == nil, "\(bad)")
        }
    }
}
