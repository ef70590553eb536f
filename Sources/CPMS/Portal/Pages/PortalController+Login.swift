import Foundation
import Hummingbird

/// `/portal/login` and `/portal/logout`.
extension PortalController {
    struct LoginView: Sendable {
        let csrf: String
        let next: String
        let name: String
        let error: String?
    }

    func loginPage(_ request: Request, _ call: Call) async throws -> Response {
        if call.session != nil { return Self.redirect(to: "/portal/") }
        let query = PortalForm(encoded: request.uri.query ?? "")
        let notice: PortalNotice? =
            query["expired"] != nil ? .info("Your session has ended. Please sign in again.")
            : query["signedOut"] != nil ? .ok("You have signed out.") : nil
        return try loginForm(next: Self.safeNext(query["next"]), name: "", error: nil, notice: notice, status: .ok)
    }

    func loginSubmit(_ request: Request, _ call: Call) async throws -> Response {
        let form = call.form
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let next = Self.safeNext(form["next"])
        guard let expected = request.cookies[SessionCookie.login]?.value, CSRFCheck.matches(form["_csrf"], expected) else {
            return try loginForm(
                next: next, name: name, error: "The sign-in form had expired. Please try again.", notice: nil, status: .forbidden)
        }
        let outcome = try await PortalLogin(database: database, hasher: hasher, settings: settings, clock: clock).attempt(
            name: name, password: form["password"] ?? "", clientAddress: call.clientAddress,
            userAgent: request.headers[.userAgent])
        switch outcome {
        case .loggedIn(let id, let session):
            try await audit.record(
                actor: AuditLog.Actor(session), action: "session.login", target: "user:\(session.user)", before: String?.none,
                after: String?.none, at: clock.wallTime)
            var response = Self.redirect(to: next)
            response.setCookie(SessionCookie.make(SessionCookie.session, value: id, secure: settings.secureCookie))
            response.setCookie(SessionCookie.expired(SessionCookie.login, secure: settings.secureCookie))
            return response
        case .refused:
            return try loginForm(
                next: next, name: name, error: "The user name or password is not correct.", notice: nil, status: .unauthorized)
        case .locked(let until):
            let minutes = max(1, Int((until.timeIntervalSince(clock.wallTime) / 60).rounded(.up)))
            return try loginForm(
                next: next, name: name,
                error: "Too many failed sign-ins for this user name or from this address. Sign-in is locked for \(minutes) more minute\(minutes == 1 ? "" : "s").",
                notice: nil, status: .tooManyRequests)
        }
    }

    func logout(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        if let id = call.sessionID { try await sessions.close(id: id) }
        try await audit.record(
            actor: try call.actor, action: "session.logout", target: "user:\(session.user)", before: String?.none,
            after: String?.none, at: clock.wallTime)
        var response = Self.redirect(to: "/portal/login?signedOut=1")
        response.setCookie(SessionCookie.expired(SessionCookie.session, secure: settings.secureCookie))
        return response
    }

    /// The login form with a fresh form token (also set as the `cpms_login` cookie).
    private func loginForm(next: String, name: String, error: String?, notice: PortalNotice?, status: HTTPResponse.Status) throws -> Response {
        let token = Secrets.random(bytes: 32)
        var response = try renderer.page(
            "login",
            PortalPageContext(
                title: "Sign in", chrome: nil, notice: notice, scripts: [],
                content: LoginView(csrf: token, next: next, name: String(name.prefix(64)), error: error)),
            status: status)
        response.setCookie(SessionCookie.make(SessionCookie.login, value: token, secure: settings.secureCookie))
        return response
    }

    /// Where to go after the login: a portal path only (never another site).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/portal/") || next == "/portal", !next.contains("//"), !next.contains("\\"),
              next.count <= 200, next.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 })
        else { return "/portal/" }
        return next
    }
}
