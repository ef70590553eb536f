@testable import CPMS
import Foundation
import StationTesting
import Testing

/// Accounts, sessions and logins on a real database: bcrypt, the dummy check for unknown names, the idle and
/// absolute expiry, the lockout of names and addresses, and the audit entries of every change.
@Suite(.timeLimit(.minutes(2)))
struct PortalAccountsTests {
    static let password = "correct horse battery"

    func fixture(_ backend: TestBackend, throttle: LoginThrottle? = nil) async throws -> (any CPMSDatabase, ManualClock, PortalLogin, PortalSettings) {
        let database = try await backend.open()
        let clock = ManualClock()
        var settings = PortalSettings()
        settings.bcryptCost = 4
        settings.throttle = throttle ?? { var t = LoginThrottle(); t.baseDelay = .zero; return t }()
        let hasher = PasswordHasher(cost: 4)
        try await PortalAccounts(database: database).add(
            name: "alice", role: .admin, passwordHash: try await hasher.hash(Self.password), by: .commandLine, at: clock.wallTime)
        return (database, clock, PortalLogin(database: database, hasher: hasher, settings: settings, clock: clock), settings)
    }

    @Test(arguments: TestBackend.available) func aCorrectPasswordOpensASessionFoundOnlyByItsID(_ backend: TestBackend) async throws {
        let (database, clock, login, settings) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        guard case .loggedIn(let id, let session) = try await login.attempt(name: "alice", password: Self.password, clientAddress: "10.0.0.1", userAgent: "test")
        else { Issue.record("no session"); return }
        #expect(session.role == .admin)
        let found = try await PortalSessionStore(database: database).session(id: id, at: clock.wallTime, settings: settings, touch: true)
        #expect(found?.user == "alice")
        #expect(found?.csrfToken == session.csrfToken)
        #expect(try await PortalSessionStore(database: database).session(id: id + "x", at: clock.wallTime, settings: settings, touch: true) == nil)
        let stored = try await database.withConnection { try await $0.select().column("id_sha256").from("portal_sessions").all() }
        #expect(stored.count == 1)
        #expect(try stored.first?.decode(column: "id_sha256", as: String.self) == Secrets.sha256Hex(id))
    }

    @Test(arguments: TestBackend.available) func aWrongPasswordAnUnknownNameAndADisabledUserAreRefusedAlike(_ backend: TestBackend) async throws {
        let (database, _, login, _) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        #expect(try await login.attempt(name: "alice", password: "wrong password!", clientAddress: nil, userAgent: nil) == .refused)
        #expect(try await login.attempt(name: "nobody", password: Self.password, clientAddress: nil, userAgent: nil) == .refused)
        #expect(try await PortalAccounts(database: database).disable(name: "alice", by: .commandLine, at: Date()))
        #expect(try await login.attempt(name: "alice", password: Self.password, clientAddress: nil, userAgent: nil) == .refused)
    }

    @Test(arguments: TestBackend.available) func anUnusedSessionExpiresAfterTheIdleTimeoutAndAnyAfterTheAbsoluteOne(_ backend: TestBackend) async throws {
        let (database, clock, login, settings) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        let store = PortalSessionStore(database: database)
        guard case .loggedIn(let id, _) = try await login.attempt(name: "alice", password: Self.password, clientAddress: nil, userAgent: nil)
        else { Issue.record("no session"); return }
        // Used every 20 minutes: alive past the idle timeout of 30 minutes...
        for _ in 0..<3 {
            clock.advance(by: .seconds(20 * 60))
            #expect(try await store.session(id: id, at: clock.wallTime, settings: settings, touch: true) != nil)
        }
        // ...but polling (touch: false) does not keep it alive.
        clock.advance(by: .seconds(20 * 60))
        #expect(try await store.session(id: id, at: clock.wallTime, settings: settings, touch: false) != nil)
        clock.advance(by: .seconds(11 * 60))
        #expect(try await store.session(id: id, at: clock.wallTime, settings: settings, touch: true) == nil)

        guard case .loggedIn(let second, _) = try await login.attempt(name: "alice", password: Self.password, clientAddress: nil, userAgent: nil)
        else { Issue.record("no session"); return }
        // Used every 20 minutes for 12 h 20 min: over after 12 h all the same.
        for _ in 0..<37 {
            clock.advance(by: .seconds(20 * 60))
            _ = try await store.session(id: second, at: clock.wallTime, settings: settings, touch: true)
        }
        #expect(try await store.session(id: second, at: clock.wallTime, settings: settings, touch: true) == nil)
    }

    @Test(arguments: TestBackend.available) func aLoginSweepsAwaySessionsThatExpired(_ backend: TestBackend) async throws {
        let (database, clock, login, _) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        guard case .loggedIn = try await login.attempt(name: "alice", password: Self.password, clientAddress: nil, userAgent: nil)
        else { Issue.record("no session"); return }
        clock.advance(by: .seconds(31 * 60))
        guard case .loggedIn = try await login.attempt(name: "alice", password: Self.password, clientAddress: nil, userAgent: nil)
        else { Issue.record("no session"); return }
        let rows = try await database.withConnection { try await $0.select().column("id_sha256").from("portal_sessions").all() }
        #expect(rows.count == 1)
    }

    @Test(arguments: TestBackend.available) func fiveFailuresLockTheNameAndTheAddressEvenForTheRightPassword(_ backend: TestBackend) async throws {
        let (database, clock, login, _) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        for attempt in 1...5 {
            let outcome = try await login.attempt(name: "alice", password: "wrong password \(attempt)", clientAddress: "10.0.0.9", userAgent: nil)
            #expect(outcome == (attempt < 5 ? .refused : .locked(until: clock.wallTime.addingTimeInterval(900))))
            clock.advance(by: .seconds(10))
        }
        let rightPassword = try await login.attempt(name: "alice", password: Self.password, clientAddress: "10.0.0.2", userAgent: nil)
        guard case .locked = rightPassword else { Issue.record("name not locked: \(rightPassword)"); return }
        // Another name from the locked address is locked too, and says nothing about whether it exists.
        let other = try await login.attempt(name: "nobody", password: Self.password, clientAddress: "10.0.0.9", userAgent: nil)
        guard case .locked = other else { Issue.record("address not locked: \(other)"); return }
        clock.advance(by: .seconds(15 * 60))
        guard case .loggedIn = try await login.attempt(name: "alice", password: Self.password, clientAddress: "10.0.0.9", userAgent: nil)
        else { Issue.record("still locked after 15 minutes"); return }
    }

    @Test(arguments: TestBackend.available) func aFailedLoginIsAnsweredAfterADelayOnTheInjectedClock(_ backend: TestBackend) async throws {
        var throttle = LoginThrottle()
        throttle.baseDelay = .seconds(1)
        let (database, clock, login, _) = try await fixture(backend, throttle: throttle)
        defer { Task { await database.shutdown() } }
        let attempt = Task { try await login.attempt(name: "alice", password: "wrong password!", clientAddress: nil, userAgent: nil) }
        try await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == clock.now.advanced(by: .seconds(1)))
        clock.advance(by: .seconds(1))
        #expect(try await attempt.value == .refused)
        let second = Task { try await login.attempt(name: "alice", password: "wrong password!", clientAddress: nil, userAgent: nil) }
        try await clock.waitForSleepers(count: 1)
        #expect(clock.nextDeadline == clock.now.advanced(by: .seconds(2)))
        clock.advance(by: .seconds(2))
        #expect(try await second.value == .refused)
    }

    @Test(arguments: TestBackend.available) func everyAccountChangeIsAuditedWithoutThePasswordHash(_ backend: TestBackend) async throws {
        let (database, _, _, _) = try await fixture(backend)
        defer { Task { await database.shutdown() } }
        let accounts = PortalAccounts(database: database)
        #expect(try await accounts.disable(name: "alice", by: AuditLog.Actor(name: "bob", role: "admin", clientAddress: "10.1.1.1"), at: Date()))
        #expect(try await accounts.setPassword(name: "alice", hash: "$2b$04$x", by: .commandLine, at: Date()))
        #expect(try await !accounts.setPassword(name: "nobody", hash: "$2b$04$x", by: .commandLine, at: Date()))
        await #expect(throws: PortalUserStore.Refusal.self) {
            try await accounts.add(name: "alice", role: .viewer, passwordHash: "h", by: .commandLine, at: Date())
        }
        let (entries, more) = try await AuditLog(database: database).page(offset: 0, limit: 10)
        #expect(!more)
        #expect(Set(entries.map(\.action)) == ["user.add", "user.disable", "user.password"])
        let disable = try #require(entries.first { $0.action == "user.disable" })
        #expect(disable.actor == "bob")
        #expect(disable.clientAddress == "10.1.1.1")
        #expect(disable.beforeJSON == #"{"disabled":false,"name":"alice","role":"admin"}"#)
        #expect(disable.afterJSON == #"{"disabled":true,"name":"alice","role":"admin"}"#)
        #expect(entries.allSatisfy { !($0.afterJSON ?? "").contains("$2") })
        let paged = try await AuditLog(database: database).page(offset: 1, limit: 1)
        #expect(paged.entries.count == 1)
        #expect(paged.more)
    }
}
