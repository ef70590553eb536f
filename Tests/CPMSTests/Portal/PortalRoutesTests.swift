@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// The portal through its router: every route for every role against the authorization table, CSRF on every
/// state-changing request, the login flow, security headers, escaping, and the overview's data.
@Suite(.timeLimit(.minutes(3)))
struct PortalRoutesTests {
    static let password = "portal password 1"

    struct Fixture: Sendable {
        let database: any CPMSDatabase
        let clock: ManualClock
    }

    func withPortal(
        _ backend: TestBackend = .sqlite, configure: (inout CPMSConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (Fixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        let database = try await backend.open()
        let fixture = Fixture(database: database, clock: ManualClock())
        let hasher = PasswordHasher(cost: 4)
        for role in PortalRole.allCases {
            try await PortalAccounts(database: database).add(
                name: role.rawValue, role: role, passwordHash: try await hasher.hash(Self.password), by: .commandLine, at: fixture.clock.wallTime)
        }
        var configuration = CPMSConfiguration(host: "127.0.0.1", port: 0)
        configuration.portal.bcryptCost = 4
        configuration.portal.throttle.baseDelay = .zero
        configure(&configuration)
        let app = try await buildCPMSApplication(configuration: configuration, database: database, clock: fixture.clock, logger: .quiet)
        do {
            try await app.test(.router) { client in try await body(fixture, client) }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    /// Every route the portal registers (the same `addRoutes` the application calls).
    static func routes(_ database: any CPMSDatabase) throws -> [PortalRoute] {
        let monitor = SupplyMonitor(
            database: database, plan: SupplyPlanStore(database: database), groups: SupplyGroupStore(database: database),
            registry: StationRegistry(database: database), defaultConnectionLimitW: 22_000)
        let controller = PortalController<CPMSRequestContext>(
            database: database, connections: StationConnections(registry: StationRegistry(database: database), clock: ManualClock(), logger: .quiet),
            clock: ManualClock(), settings: PortalSettings(), hasher: PasswordHasher(cost: 4), renderer: try PortalRenderer(),
            supply: OverviewSupply(monitor: monitor, totals: SupplyDayTotalsCache(monitor: monitor, maxAge: 30)), logger: .quiet)
        return controller.addRoutes(to: Router(context: CPMSRequestContext.self))
    }

    struct Browser: Sendable {
        var cookies: [String: String] = [:]

        var cookieHeader: HTTPFields {
            cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
        }

        mutating func take(_ response: TestResponse) {
            for field in response.headers[values: .setCookie] {
                let pair = field.split(separator: ";").first.map { $0.split(separator: "=", maxSplits: 1) } ?? []
                guard pair.count == 2 else { continue }
                let name = String(pair[0]), value = String(pair[1])
                if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
        }
    }

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The value of the first hidden `_csrf` field of a page.
    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="_csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    func send(
        _ client: any TestClientProtocol, _ browser: inout Browser, _ method: HTTPRequest.Method, _ uri: String, form: [String: String]? = nil
    ) async throws -> TestResponse {
        var headers = browser.cookieHeader
        if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: form.map(Self.form))
        browser.take(response)
        return response
    }

    /// Signs in as `name`; returns the browser (with its session cookie) and the session's CSRF token.
    func signIn(_ client: any TestClientProtocol, _ name: String, password: String = Self.password) async throws -> (Browser, String) {
        var browser = Browser()
        let page = try await send(client, &browser, .get, "/portal/login")
        let loginToken = try #require(Self.csrf(in: Self.body(page)))
        let response = try await send(client, &browser, .post, "/portal/login", form: ["name": name, "password": password, "_csrf": loginToken])
        #expect(response.status == .seeOther, "login of \(name)")
        let overview = try await send(client, &browser, .get, "/portal/")
        return (browser, try #require(Self.csrf(in: Self.body(overview))))
    }

    @Test func everyRouteIsAllowedOrRefusedForEveryRoleAsTheTableSays() async throws {
        try await withPortal { fixture, client in
            let routes = try Self.routes(fixture.database)
            #expect(routes.count >= 10)
            for route in routes {
                let uri = route.path.replacingOccurrences(of: ":file", with: "portal.css").replacingOccurrences(of: ":name", with: "nobody")
                for role in [nil] + PortalRole.allCases {
                    var browser = Browser()
                    var token = ""
                    if let role { (browser, token) = try await signIn(client, role.rawValue) }
                    let response = try await send(client, &browser, route.method, uri, form: route.changesState ? ["_csrf": token] : nil)
                    let who = role?.rawValue ?? "anonymous"
                    #expect(response.headers[.contentSecurityPolicy] == SecurityHeaders.contentSecurityPolicy, "\(route) \(who)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(route) \(who)")
                    if route == .loginSubmit {
                        // The login form carries its own token (the `cpms_login` cookie), not a session's.
                        #expect(response.status == .forbidden, "\(route) without the login form's token")
                    } else if route.allows(role) {
                        #expect(response.status != .forbidden, "\(route) refused for \(who)")
                        #expect(response.headers[.location]?.hasPrefix("/portal/login?expired") != true, "\(route) sent \(who) to the login")
                    } else if role == nil {
                        #expect([.seeOther, .unauthorized].contains(response.status), "\(route) for \(who): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(route) allowed for \(who)")
                    }
                }
            }
        }
    }

    @Test func viewersSeeNoAdminLinksAndAdminsSeeThemAll() async throws {
        try await withPortal { _, client in
            var (viewer, _) = try await signIn(client, "viewer")
            let page = Self.body(try await send(client, &viewer, .get, "/portal/"))
            #expect(page.contains(#"href="/portal/tariffs""#))
            #expect(!page.contains(#"href="/portal/users""#))
            #expect(!page.contains(#"href="/portal/audit""#))
            #expect(page.contains("viewer"))
            var (admin, _) = try await signIn(client, "admin")
            let adminPage = Self.body(try await send(client, &admin, .get, "/portal/"))
            for section in PortalNavigation.sections { #expect(adminPage.contains(#"href="\#(section.href)""#)) }
        }
    }

    @Test func aPostWithoutOrWithAWrongCSRFTokenIsRefusedAndChangesNothing() async throws {
        try await withPortal { fixture, client in
            var (admin, token) = try await signIn(client, "admin")
            let fields = ["name": "carol", "role": "technician", "password": "carol's password"]
            let missing = try await send(client, &admin, .post, "/portal/users", form: fields)
            #expect(missing.status == .forbidden)
            let wrong = try await send(client, &admin, .post, "/portal/users", form: fields.merging(["_csrf": token + "x"]) { $1 })
            #expect(wrong.status == .forbidden)
            let disable = try await send(client, &admin, .post, "/portal/users/viewer/disable", form: [:])
            #expect(disable.status == .forbidden)
            #expect(try await PortalUserStore(database: fixture.database).user("carol") == nil)
            #expect(try await PortalUserStore(database: fixture.database).user("viewer")?.disabled == false)

            let added = try await send(client, &admin, .post, "/portal/users", form: fields.merging(["_csrf": token]) { $1 })
            #expect(added.status == .seeOther)
            #expect(try await PortalUserStore(database: fixture.database).user("carol")?.role == .technician)
            let audit = Self.body(try await send(client, &admin, .get, "/portal/audit"))
            #expect(audit.contains("user.add"))
            #expect(audit.contains("user:carol"))
        }
    }

    @Test func badFormInputIsExplainedNextToItsFieldAndAddsNobody() async throws {
        try await withPortal { fixture, client in
            var (admin, token) = try await signIn(client, "admin")
            let response = try await send(
                client, &admin, .post, "/portal/users", form: ["name": "dave", "role": "root", "password": "short", "_csrf": token])
            #expect(response.status == .unprocessableContent)
            let page = Self.body(response)
            #expect(page.contains("choose admin, technician or viewer"))
            #expect(page.contains("at least 12 characters"))
            #expect(try await PortalUserStore(database: fixture.database).user("dave") == nil)
        }
    }

    @Test func loginSetsAStrictHttpOnlyCookieAndLogoutEndsTheSession() async throws {
        try await withPortal { _, client in
            var browser = Browser()
            let page = try await send(client, &browser, .get, "/portal/login")
            let token = try #require(Self.csrf(in: Self.body(page)))
            let bad = try await send(client, &browser, .post, "/portal/login", form: ["name": "admin", "password": "not the password", "_csrf": token])
            #expect(bad.status == .unauthorized)
            #expect(Self.body(bad).contains("The user name or password is not correct."))
            let retryToken = try #require(Self.csrf(in: Self.body(bad)))
            let good = try await send(client, &browser, .post, "/portal/login", form: ["name": "admin", "password": Self.password, "_csrf": retryToken])
            #expect(good.status == .seeOther)
            let cookie = try #require(good.headers[values: .setCookie].first { $0.hasPrefix("cpms_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Path=/portal"))
            #expect(!cookie.contains("Secure"))
            let overview = try await send(client, &browser, .get, "/portal/")
            #expect(overview.status == .ok)
            #expect(overview.headers[.cacheControl] == "no-store")
            let csrf = try #require(Self.csrf(in: Self.body(overview)))
            let sessionID = try #require(browser.cookies["cpms_session"])
            let logout = try await send(client, &browser, .post, "/portal/logout", form: ["_csrf": csrf])
            #expect(logout.status == .seeOther)
            var stale = Browser(cookies: ["cpms_session": sessionID])
            let after = try await send(client, &stale, .get, "/portal/")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/portal/login") == true)
        }
    }

    @Test func anExpiredSessionIsSentToTheLoginPageAndItsDataRequestsGet401() async throws {
        try await withPortal { fixture, client in
            var (admin, _) = try await signIn(client, "admin")
            fixture.clock.advance(by: .seconds(31 * 60))
            let page = try await send(client, &admin, .get, "/portal/users")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/portal/login?expired=1&next=%2Fportal%2Fusers")
            let data = try await send(client, &admin, .get, "/portal/overview.json")
            #expect(data.status == .unauthorized)
        }
    }

    @Test func userDataIsEscapedInPages() async throws {
        try await withPortal { fixture, client in
            try await PortalUserStore(database: fixture.database).add(name: "<b>mallory</b>", role: .viewer, passwordHash: "x", at: Date())
            var (admin, _) = try await signIn(client, "admin")
            let page = Self.body(try await send(client, &admin, .get, "/portal/users"))
            #expect(page.contains("&lt;b&gt;mallory&lt;/b&gt;"))
            #expect(!page.contains("<b>mallory</b>"))
        }
    }

    @Test(arguments: TestBackend.available)
    func theOverviewShowsEachStationsSocketsGridAndBatteryFromTheLatestRows(_ backend: TestBackend) async throws {
        try await withPortal(backend) { fixture, client in
            let station = uniqueStationID("PORTAL")
            try await StationRegistry(database: fixture.database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
            try await fixture.database.withConnection { connection in
                try await connection.raw("""
                    INSERT INTO evse_status (station, evse, connector, status, socket, updated_at) VALUES
                    ('\(unsafeRaw: station)', 1, 1, 'Occupied', 'A', '2027-01-15T08:00:00.000Z'),
                    ('\(unsafeRaw: station)', 2, 1, 'Available', 'B', '2027-01-15T08:00:00.000Z')
                    """).run()
            }
            // Stored as the ingest stores a station's messages, which keeps each EVSE's latest reading: the grid
            // meter's 08:00 value arrives first, its 07:59 one (an offline backlog) later and changes nothing.
            func meter(_ evse: Int, _ at: String, _ power: Double) -> MeterValueRecord {
                MeterValueRecord(
                    station: station, evse: evse, timestamp: "2027-01-15T\(at).000Z", sampledValuesJSON: "[]", energyWh: nil, powerW: power,
                    receivedAt: "2027-01-15T08:00:00.000Z")
            }
            let battery = BatteryTelemetryRecord(
                station: station, timestamp: "2027-01-15T08:00:00.000Z", socPercent: 54, powerW: -1200, setpointW: -1200, mode: "setpoint",
                quality: "good", receivedAt: "2027-01-15T08:00:00.000Z")
            for batch in [
                [IngestRecord.meterValues([meter(0, "08:00:00", 12_500), meter(1, "08:00:00", 7_400)]), .batteryTelemetry(battery)],
                [IngestRecord.meterValues([meter(0, "07:59:00", 9_000)])],
            ] {
                _ = try await fixture.database.transaction { connection in try await IngestBatch(records: batch).write(on: connection) }
            }
            var (viewer, _) = try await signIn(client, "viewer")
            let data = try await send(client, &viewer, .get, "/portal/overview.json")
            #expect(data.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(data.body.readableBytesView)) as? [String: Any])
            let stations = try #require(json["stations"] as? [[String: Any]])
            let card = try #require(stations.first { $0["id"] as? String == station })
            #expect(card["connection"] as? String == "Offline")
            // (and the cap, once the running supply service has planned the new station)
            #expect((card["grid"] as? String)?.plain.hasPrefix("12.5 kW import") == true)
            #expect((card["battery"] as? String)?.plain == "54 % · charging 1.2 kW")
            let sockets = try #require(card["sockets"] as? [[String: Any]])
            #expect(sockets.map { $0["label"] as? String } == ["Socket A", "Socket B"])
            #expect(sockets.map { $0["status"] as? String } == ["Occupied", "Available"])
            #expect(sockets.first?["power"] as? String == "7.4\u{00A0}kW")  // a no-break space: never on two lines
            let html = Self.body(try await send(client, &viewer, .get, "/portal/"))
            #expect(html.contains(#"data-station="\#(station)""#))
            #expect(html.contains(#"<script src="/portal/static/overview.js" defer></script>"#))
            #expect(!html.contains("<script>"))
        }
    }

    @Test(arguments: TestBackend.available)
    func theOverviewShowsTheStoredSupplyFiguresAndTodaysEnergyFollowsTheMeter(_ backend: TestBackend) async throws {
        try await withPortal(backend) { fixture, client in
            let station = uniqueStationID("PORTAL")
            try await StationRegistry(database: fixture.database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
            try await fixture.database.withConnection { connection in
                // The past windows as planned then; the current one (08:00) as the running supply service plans a
                // station no DSO's contract covers (the unsupplied price, its connection limit), so its pass
                // before or after these rows leaves the same.
                for (window, dso, price) in [("07:30", "grid", "0.20"), ("07:45", "grid", "0.25"), ("08:00", nil, "0.30")] {
                    try await OverviewSupplyTests.planRow(station, window, dso: dso, price: price, capW: 22_000, on: connection)
                }
                // (A power sample would be held to the end of its window: only registers here.)
                for (time, energy) in [("07:30:00", 1000.0), ("07:45:00", 1500.0), ("08:00:00", 2700.0)] {
                    try await OverviewSupplyTests.meter(station, time, energyWh: energy, powerW: nil, on: connection)
                }
            }
            var (viewer, _) = try await signIn(client, "viewer")
            func card() async throws -> [String: Any] {
                let data = try await send(client, &viewer, .get, "/portal/overview.json")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(data.body.readableBytesView)) as? [String: Any])
                return try #require((json["stations"] as? [[String: Any]])?.first { $0["id"] as? String == station })
            }
            let shown = try await card()
            #expect((shown["purchase"] as? String)?.plain == "0.30 EUR/kWh · no DSO's contract")
            #expect((shown["grid"] as? String)?.plain == "— · cap 22.0 kW")
            // 500 Wh at 0.20 and 1200 Wh at 0.25.
            #expect((shown["energyCost"] as? String)?.plain == "1.70 kWh · 0.40 EUR")
            let html = Self.body(try await send(client, &viewer, .get, "/portal/"))
            #expect(html.plain.contains("1.70 kWh · 0.40 EUR"))

            // A new reading in the current window: 300 Wh more at 0.30. The totals are at most 30 s old: the poll
            // after that answers the last ones and computes new ones beside, which a later poll shows.
            try await fixture.database.withConnection { connection in
                try await OverviewSupplyTests.meter(station, "08:00:20", energyWh: 3000, powerW: 9_000, on: connection)
            }
            fixture.clock.advance(by: .seconds(31))
            var updated = try await card()
            #expect((updated["grid"] as? String)?.plain == "9.0 kW import of 22.0 kW cap")
            for _ in 0..<400 where (updated["energyCost"] as? String)?.plain != "2.00 kWh · 0.49 EUR" {
                try await Task.sleep(for: .milliseconds(25))
                updated = try await card()
            }
            #expect((updated["energyCost"] as? String)?.plain == "2.00 kWh · 0.49 EUR")
        }
    }

    @Test func staticAssetsAreServedAndAMissingOneIsAClear404() async throws {
        try await withPortal { _, client in
            var browser = Browser()
            let css = try await send(client, &browser, .get, "/portal/static/portal.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            let missing = try await send(client, &browser, .get, "/portal/static/nothing.js")
            #expect(missing.status == .notFound)
            #expect(Self.body(missing).contains("no such portal asset"))
        }
    }

    @Test func chartJSComesFromDebiansPackageAndItsAbsenceIsExplained() {
        let missing = StaticAssets(chartJSPath: "/nonexistent/chart.min.js").response(for: "chart.js")
        #expect(missing.status == .notFound)
        let installed = StaticAssets(chartJSPath: "/usr/share/javascript/chart.js/chart.min.js").response(for: "chart.js")
        #expect(installed.status == (FileManager.default.fileExists(atPath: "/usr/share/javascript/chart.js/chart.min.js") ? .ok : .notFound))
    }
}
