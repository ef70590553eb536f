import Foundation
import Hummingbird
import Logging
import NIOCore
import StationCore

/// The operator portal under `/portal`: every route goes through `register`, which finds the session, checks
/// the route's access against the authorization table, checks the CSRF token of every state-changing request,
/// renders failures as pages and adds the security headers.
struct PortalController<Context: RequestContext>: Sendable {
    let database: any CPMSDatabase
    let connections: StationConnections
    let clock: any StationClock
    let settings: PortalSettings
    let hasher: PasswordHasher
    let renderer: PortalRenderer
    /// The overview's supply figures (the energy supply's plan and monitoring).
    let supply: OverviewSupply
    let logger: Logger
    /// Pushes a tariff saved on the Tariffs page to the eMSPs (nil: nothing is pushed, as in some tests).
    var tariffPushes: TariffPushes? = nil
    /// The booking calendar the Bookings page shows and changes (nil: the page says it is not running).
    var calendar: CalendarService? = nil
    /// The energy supply the Station and Energy pages read and the policy form changes (nil: not running).
    var energySupply: PortalSupply?

    var users: PortalUserStore { PortalUserStore(database: database) }
    var sessions: PortalSessionStore { PortalSessionStore(database: database) }
    var audit: AuditLog { AuditLog(database: database) }

    /// What a handler gets besides the request: the signed-in session (nil only on `.everyone` routes), the
    /// form of a state-changing request (its CSRF token already checked) and the client's address.
    struct Call: Sendable {
        let session: PortalSession?
        let sessionID: String?
        let form: PortalForm
        let clientAddress: String?

        /// Who makes a change, for the audit log: the session's user from this request's address.
        var actor: AuditLog.Actor {
            get throws {
                let session = try signedIn
                return AuditLog.Actor(name: session.user, role: session.role.rawValue, clientAddress: clientAddress)
            }
        }

        /// The session of a route that requires one.
        var signedIn: PortalSession {
            get throws {
                guard let session else { throw HTTPError(.unauthorized) }
                return session
            }
        }
    }

    typealias Handler = @Sendable (Request, Context, Call) async throws -> Response

    /// Registers every portal route and returns them (the tests enumerate them).
    @discardableResult
    func addRoutes(to router: Router<Context>) -> [PortalRoute] {
        var routes: [PortalRoute] = []
        func add(_ route: PortalRoute, _ handler: @escaping Handler) {
            routes.append(route)
            register(route, on: router, handler)
        }
        add(.login) { request, _, call in try await loginPage(request, call) }
        add(.loginSubmit) { request, _, call in try await loginSubmit(request, call) }
        add(.logout) { _, _, call in try await logout(call) }
        add(.staticAsset) { _, context, _ in
            var response = StaticAssets(chartJSPath: settings.chartJSPath).response(for: context.parameters.get("file") ?? "")
            SecurityHeaders.apply(to: &response, page: false)
            return response
        }
        add(.overview) { _, _, call in try await overviewPage(call) }
        add(.overviewData) { _, _, _ in try await overviewData() }
        add(.users) { request, _, call in try await usersPage(request, call) }
        add(.addUser) { _, _, call in try await addUser(call) }
        add(.disableUser) { _, context, call in try await disableUser(context.parameters.get("name") ?? "", call) }
        add(.audit) { request, _, call in try await auditPage(request, call) }
        add(.tariffs) { _, _, call in try await tariffsPage(call) }
        add(.tariff) { request, context, call in try await tariffPage(context.parameters.get("id") ?? "", request, call) }
        add(.saveTariff) { _, context, call in try await saveTariffPrices(context.parameters.get("id") ?? "", call) }
        add(.emsps) { _, _, call in try await emspsPage(call) }
        add(.bookings) { request, _, call in try await bookingsPage(request, call) }
        add(.scheduleMaintenance) { _, _, call in try await scheduleMaintenance(call) }
        add(.cancelMaintenance) { _, _, call in try await cancelCalendarEntry(call, booking: false) }
        add(.cancelBooking) { _, _, call in try await cancelCalendarEntry(call, booking: true) }
        add(.stations) { request, _, call in try await stationsPage(request, call) }
        add(.station) { _, context, call in try await stationPage(context.parameters.get("id") ?? "", call) }
        add(.stationCharts) { _, context, _ in try await stationCharts(context.parameters.get("id") ?? "") }
        add(.energy) { request, _, call in try await energyPage(request, call) }
        add(.energyCharts) { _, _, _ in try await energyCharts() }
        add(.energyPolicy) { _, _, call in try await saveEnergyPolicy(call) }
        // Sections in the navigation whose pages are not built yet answer with a page that says so, under the
        // same permission as their link (the later pages replace these).
        for section in PortalNavigation.sections where !routes.contains(where: { $0.method == .get && $0.path == section.href }) {
            add(PortalRoute(.get, section.href, .permission(section.permission))) { _, _, call in
                try messagePage(
                    try call.signedIn, status: .ok, title: section.label, heading: section.label,
                    text: "This page is not built yet: it comes with the next steps of the operator portal.",
                    current: section.href)
            }
        }
        return routes
    }

    private func register(_ route: PortalRoute, on router: Router<Context>, _ handler: @escaping Handler) {
        router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
            var response: Response
            do {
                response = try await guarded(route, request, context, handler)
            } catch let error as HTTPError {
                response = try errorPage(error.status, error.body ?? error.status.reasonPhrase)
            } catch {
                logger.error("portal \(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
                response = try errorPage(.internalServerError, "Something went wrong on the server; it has been logged.")
            }
            if response.headers[.contentSecurityPolicy] == nil { SecurityHeaders.apply(to: &response, page: true) }
            return response
        }
    }

    private func guarded(_ route: PortalRoute, _ request: Request, _ context: Context, _ handler: Handler) async throws -> Response {
        let address = Self.clientAddress(context)
        let sessionID = request.cookies[SessionCookie.session]?.value
        var session: PortalSession?
        if route.access != .everyone || route == .login, let sessionID, !sessionID.isEmpty {
            // Polling for live data does not keep an unattended session alive.
            session = try await sessions.session(id: sessionID, at: clock.wallTime, settings: settings, touch: route != .overviewData)
        }
        if route.access != .everyone {
            guard let session else { return signInRequired(route, request) }
            guard route.allows(session.role) else {
                return try messagePage(
                    session, status: .forbidden, title: "Not allowed", heading: "Not allowed",
                    text: "Your role (\(session.role.rawValue)) does not give access to this page or action.")
            }
        }
        var form = PortalForm()
        if route.changesState {
            form = try await PortalForm.read(request)
            if let session, route.access != .everyone, !CSRFCheck.matches(form["_csrf"], session.csrfToken) {
                logger.warning("portal: \(route) by \(session.user) refused: missing or wrong CSRF token")
                return try messagePage(
                    session, status: .forbidden, title: "Refused", heading: "Request refused",
                    text: "The form was missing its security token or it did not match your session. Nothing was changed; reload the page and try again.")
            }
        }
        return try await handler(request, context, Call(session: session, sessionID: sessionID, form: form, clientAddress: address))
    }

    /// Not signed in (or the session expired): pages go to the login page, data requests get 401.
    private func signInRequired(_ route: PortalRoute, _ request: Request) -> Response {
        if route.path.hasSuffix(".json") {
            return Response(
                status: .unauthorized, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"error":"sign in"}"#)))
        }
        let next = route.method == .get ? request.uri.path : "/portal/"
        return Self.redirect(to: "/portal/login?expired=1&next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func clientAddress(_ context: Context) -> String? {
        (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
    }

    /// The layout's header and navigation for a session on the page at `current`.
    func chrome(_ session: PortalSession, current: String) -> PortalChrome {
        PortalChrome(
            user: session.user, role: session.role.rawValue, csrf: session.csrfToken,
            nav: PortalNavigation.links(for: session.role, current: current))
    }

    struct Message: Sendable {
        let heading: String
        let text: String
        let link: String
        let linkLabel: String
    }

    func messagePage(
        _ session: PortalSession?, status: HTTPResponse.Status, title: String, heading: String, text: String, current: String = ""
    ) throws -> Response {
        let link = session == nil ? ("/portal/login", "Sign in") : ("/portal/", "Back to the overview")
        return try renderer.page(
            "message",
            PortalPageContext(
                title: title, chrome: session.map { chrome($0, current: current) }, notice: nil, scripts: [],
                content: Message(heading: heading, text: text, link: link.0, linkLabel: link.1)),
            status: status)
    }

    private func errorPage(_ status: HTTPResponse.Status, _ text: String) throws -> Response {
        try messagePage(nil, status: status, title: status.reasonPhrase, heading: status.reasonPhrase, text: text)
    }
}
