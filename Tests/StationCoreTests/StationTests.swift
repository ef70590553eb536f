import Foundation
import StationCore
import Testing

@Suite struct StationTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func station(authorization: AuthorizationMode = .freeVend) -> Station {
        let ids = LockedCounter()
        return Station(
            sockets: [
                SocketState(id: 1, phases: 3, maxCurrent: 32, authorization: authorization),
                SocketState(id: 2, phases: 3, maxCurrent: 32, authorization: authorization),
            ],
            makeSessionID: { socket, _ in "s\(socket)-\(ids.next())" })
    }

    func statuses(_ events: [StationEvent]) -> [SocketStatus] {
        events.compactMap { if case .statusChanged(_, let status, _) = $0 { return status } else { return nil } }
    }

    @Test func freeVendSessionRunsFromPlugInToUnplugWithMeteredEnergy() {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 10_000, at: t0)
        #expect(s.sockets[1]?.status == .available)

        let plug = s.observe(1, pilot: .b, quality: .fresh, power: 0, energy: 10_000, at: t0 + 10)
        guard case .sessionStarted(let session)? = plug.first else { Issue.record("no session started"); return }
        #expect(session.meterStart == 10_000)
        #expect(s.sockets[1]?.status == .suspendedEVSE, "no current offered yet")

        _ = s.offer([1: 16], at: t0 + 11)
        #expect(s.sockets[1]?.status == .suspendedEV)
        _ = s.observe(1, pilot: .c, quality: .fresh, power: 11_000, energy: 10_500, at: t0 + 12)
        #expect(s.sockets[1]?.status == .charging)
        #expect(s.sockets[1]?.session?.energy == 500)

        let unplug = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 12_000, at: t0 + 600)
        guard case .sessionEnded(let ended)? = unplug.first else { Issue.record("no session ended"); return }
        #expect(ended.energy == 2_000)
        #expect(ended.endReason == .evDisconnected)
        #expect(ended.endedAt == t0 + 600)
        #expect(s.sockets[1]?.status == .available)
    }

    @Test func technicianDisableStopsTheSessionAndIsAudited() {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: .c, quality: .fresh, power: 7_000, energy: 100, at: t0 + 1)
        _ = s.offer([1: 16], at: t0 + 1)
        #expect(s.sockets[1]?.mayCharge == true)

        let change = AvailabilityChange(socket: 1, source: .technician, enabled: false, actor: "fabio", reason: "routine check", at: t0 + 5)
        let events = s.setAvailability(change)
        #expect(events.contains(.availabilityChanged(change)))
        #expect(events.contains { if case .sessionEnded(let e) = $0 { return e.endReason == .local } else { return false } })
        #expect(s.sockets[1]?.status == .unavailable)
        #expect(s.sockets[1]?.mayCharge == false)
        #expect(s.audit.last?.actor == "fabio")

        let back = s.setAvailability(AvailabilityChange(socket: 1, source: .technician, enabled: true, actor: "fabio", reason: "done", at: t0 + 60))
        #expect(back.contains { if case .sessionStarted = $0 { return true } else { return false } },
                "free vend: the vehicle still plugged in gets a new session")
        #expect(s.sockets[1]?.session?.startedAt == t0 + 60)
        #expect(s.audit.count == 2)
    }

    @Test func centralDisableWaitsForTheRunningSession() {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: .c, quality: .fresh, power: 7_000, energy: 0, at: t0 + 1)
        _ = s.offer([1: 16], at: t0 + 1)
        _ = s.setAvailability(AvailabilityChange(socket: 1, source: .central, enabled: false, actor: "cpms", reason: "maintenance", at: t0 + 2))
        #expect(s.sockets[1]?.status == .charging)
        #expect(s.sockets[1]?.mayCharge == true)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 50, at: t0 + 100)
        #expect(s.sockets[1]?.status == .unavailable)
    }

    @Test func everySourceMustAgreeBeforeTheSocketReturns() {
        var s = station()
        _ = s.observe(2, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.setAvailability(AvailabilityChange(socket: 2, source: .schedule, enabled: false, actor: "calendar", reason: "slot", at: t0))
        _ = s.setAvailability(AvailabilityChange(socket: 2, source: .technician, enabled: false, actor: "ana", reason: "key switch", at: t0))
        _ = s.setAvailability(AvailabilityChange(socket: 2, source: .technician, enabled: true, actor: "ana", reason: "key switch", at: t0 + 1))
        #expect(s.sockets[2]?.status == .unavailable)
        #expect(s.sockets[2]?.availability.governingSource == .schedule)
        _ = s.setAvailability(AvailabilityChange(socket: 2, source: .schedule, enabled: true, actor: "calendar", reason: "slot over", at: t0 + 2))
        #expect(s.sockets[2]?.status == .available)
    }

    @Test func repeatedVoteChangesNothingAndIsNotAudited() {
        var s = station()
        let off = AvailabilityChange(socket: 1, source: .technician, enabled: false, actor: "a", reason: "r", at: t0)
        #expect(!s.setAvailability(off).isEmpty)
        #expect(s.setAvailability(off).isEmpty)
        #expect(s.audit.count == 1)
    }

    @Test func reservationHoldsTheSocketForItsTokenUntilItExpires() throws {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        let reservation = Reservation(id: 7, socket: 1, idTag: "BOB", expiresAt: t0 + 900)
        _ = try s.reserve(reservation, at: t0)
        #expect(s.sockets[1]?.status == .reserved)

        #expect(throws: StationRefusal.self) { try s.authorize(1, idTag: "EVE", at: t0 + 10) }
        let plug = s.observe(1, pilot: .b, quality: .fresh, power: 0, energy: 0, at: t0 + 20)
        #expect(!plug.contains { if case .sessionStarted = $0 { return true } else { return false } }, "free vend does not override a reservation")

        let start = try s.authorize(1, idTag: "BOB", at: t0 + 30)
        #expect(start.contains(.reservationEnded(reservation, .used)))
        #expect(s.sockets[1]?.session?.idTag == "BOB")
    }

    @Test func reservationExpires() throws {
        var s = station()
        _ = s.observe(2, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        let reservation = Reservation(id: 1, socket: 2, idTag: "X", expiresAt: t0 + 60)
        _ = try s.reserve(reservation, at: t0)
        #expect(s.expire(at: t0 + 59).isEmpty)
        let events = s.expire(at: t0 + 60)
        #expect(events.first == .reservationEnded(reservation, .expired))
        #expect(s.sockets[2]?.status == .available)
    }

    @Test func theNextBookingsReservationTakesTheSocketAtTheInstantThePreviousOneEnds() throws {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        let first = Reservation(id: 1, socket: 1, idTag: "ANN", expiresAt: t0 + 60)
        _ = try s.reserve(first, at: t0)
        let second = Reservation(id: 2, socket: 1, idTag: "BOB", expiresAt: t0 + 120)
        #expect(throws: StationRefusal.self, "a reservation in force holds the socket") { try s.reserve(second, at: t0 + 59) }
        let events = try s.reserve(second, at: t0 + 60)
        #expect(events.first == .reservationEnded(first, .expired), "expired before the cycle noticed")
        #expect(s.reservation(on: 1) == second)
        #expect(s.expire(at: t0 + 61).isEmpty, "the first one ended once")
    }

    @Test func remoteStartBeforePlugInStartsOnPlugIn() throws {
        var s = station(authorization: .token)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = try s.authorize(1, idTag: "APP-42", at: t0)
        #expect(s.sockets[1]?.session == nil)
        _ = s.observe(1, pilot: .b, quality: .fresh, power: 0, energy: 0, at: t0 + 30)
        #expect(s.sockets[1]?.session?.idTag == "APP-42")
    }

    @Test func tokenSocketBackInServiceWaitsForANewAuthorisation() throws {
        var s = station(authorization: .token)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: .c, quality: .fresh, power: 0, energy: 0, at: t0 + 1)
        _ = try s.authorize(1, idTag: "APP-1", at: t0 + 2)
        _ = s.setAvailability(AvailabilityChange(socket: 1, source: .technician, enabled: false, actor: "a", reason: "r", at: t0 + 3))
        _ = s.setAvailability(AvailabilityChange(socket: 1, source: .technician, enabled: true, actor: "a", reason: "r", at: t0 + 4))
        #expect(s.sockets[1]?.session == nil)
        #expect(s.sockets[1]?.status == .finishing)
    }

    @Test func tokenSocketWaitsForAuthorisation() {
        var s = station(authorization: .token)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: .b, quality: .fresh, power: 0, energy: 0, at: t0 + 1)
        #expect(s.sockets[1]?.session == nil)
        #expect(s.sockets[1]?.status == .preparing)
    }

    @Test func remoteStopLeavesFinishingUntilUnplug() throws {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: .c, quality: .fresh, power: 0, energy: 0, at: t0 + 1)
        _ = try s.stop(1, reason: .remote, at: t0 + 2)
        #expect(s.sockets[1]?.status == .finishing)
        #expect(s.sockets[1]?.mayCharge == false)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0 + 3)
        #expect(s.sockets[1]?.status == .available)
    }

    @Test func failedControllerFaultsTheSocketAndRecovers() {
        var s = station()
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0)
        _ = s.observe(1, pilot: nil, quality: .failed, power: nil, energy: nil, at: t0 + 1)
        #expect(s.sockets[1]?.status == .faulted)
        _ = s.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 0, at: t0 + 2)
        #expect(s.sockets[1]?.status == .available)
    }
}

/// Hands out 1, 2, 3... from any thread.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
