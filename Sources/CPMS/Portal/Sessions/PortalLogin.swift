public import Foundation
public import StationCore

/// Checks a login and opens the session: bcrypt, the dummy hash for unknown names, the delay after failures and
/// the lockout of names and client addresses (`LoginThrottle`).
public struct PortalLogin: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The session's id (for the cookie) and the session.
        case loggedIn(id: String, session: PortalSession)
        /// Wrong name or password, or a disabled account: the page does not tell which.
        case refused
        /// Too many failures for this name or from this address; retry after the time given.
        case locked(until: Date)
    }

    let users: PortalUserStore
    let sessions: PortalSessionStore
    let failures: LoginFailureStore
    let hasher: PasswordHasher
    let settings: PortalSettings
    let clock: any StationClock

    public init(database: any CPMSDatabase, hasher: PasswordHasher, settings: PortalSettings, clock: any StationClock) {
        self.users = PortalUserStore(database: database)
        self.sessions = PortalSessionStore(database: database)
        self.failures = LoginFailureStore(database: database)
        self.hasher = hasher
        self.settings = settings
        self.clock = clock
    }

    public func attempt(name: String, password: String, clientAddress: String?, userAgent: String?) async throws -> Outcome {
        let throttle = settings.throttle
        let now = clock.wallTime
        let subjects = [LoginFailureStore.subject(user: name)] + (clientAddress.map { [LoginFailureStore.subject(address: $0)] } ?? [])
        let recent = try await failures.failures(of: subjects, since: now.addingTimeInterval(-throttle.memory.inSeconds))
        let lockedUntil = subjects.compactMap { throttle.lockedUntil(failures: recent[$0] ?? [], now: now.timeIntervalSince1970) }.max()
        if let lockedUntil { return .locked(until: Date(timeIntervalSince1970: lockedUntil)) }

        let account = PortalUser.problem(inName: name) == nil ? try await users.credentials(name) : nil
        let usable = account.map { !$0.user.disabled } ?? false
        let matches = try await hasher.verify(password, against: usable ? account?.passwordHash : nil)
        if let account, matches {
            try await failures.clear(LoginFailureStore.subject(user: name))
            try await sessions.deleteExpired(at: now, settings: settings)
            let opened = try await sessions.open(user: account.user.name, at: now, userAgent: userAgent, clientAddress: clientAddress)
            return .loggedIn(id: opened.id, session: PortalSession(
                user: account.user.name, role: account.user.role, csrfToken: opened.csrfToken, createdAt: now, lastSeenAt: now,
                clientAddress: clientAddress))
        }

        try await failures.record(subjects, at: now, forgetBefore: now.addingTimeInterval(-throttle.memory.inSeconds))
        let windowStart = now.timeIntervalSince1970 - throttle.window.inSeconds
        let counts = subjects.map { subject in (recent[subject] ?? []).filter { $0 > windowStart }.count + 1 }
        let delay = throttle.delay(afterFailures: counts.max() ?? 1)
        if delay > .zero { try await clock.sleep(for: delay) }
        let afterThis = subjects.compactMap { subject in
            throttle.lockedUntil(failures: (recent[subject] ?? []) + [now.timeIntervalSince1970], now: now.timeIntervalSince1970)
        }.max()
        if let afterThis { return .locked(until: Date(timeIntervalSince1970: afterThis)) }
        return .refused
    }
}
