import Foundation
import StationCore
import Testing

/// A session read back after a restart continues if its vehicle is still there, and ends if it left.
@Suite struct SessionRestoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func restarted(with session: ChargingSession) -> Station {
        var station = Station(sockets: [SocketState(id: 1, phases: 3, maxCurrent: 32, authorization: .freeVend)])
        station.restore(session)
        return station
    }

    var running: ChargingSession {
        var session = ChargingSession(id: "tx-1", socket: 1, idTag: nil, startedAt: t0, meterStart: 10_000)
        session.record(meter: 10_400, power: 11_000)
        return session
    }

    @Test func vehicleStillPluggedInContinuesTheSameSession() {
        var station = restarted(with: running)
        let events = station.observe(1, pilot: .c, quality: .fresh, power: 11_000, energy: 10_900, at: t0 + 600)
        #expect(!events.contains { if case .sessionStarted = $0 { true } else { false } }, "no second session")
        #expect(station.sockets[1]?.session?.id == "tx-1")
        #expect(station.sockets[1]?.session?.energy == 900, "energy counts from the original start")
    }

    @Test func vehicleGoneEndsTheSessionAtTheFirstReading() {
        var station = restarted(with: running)
        let events = station.observe(1, pilot: .a, quality: .fresh, power: 0, energy: 10_950, at: t0 + 600)
        guard case .sessionEnded(let ended)? = events.first else {
            Issue.record("expected the restored session to end, got \(events)")
            return
        }
        #expect(ended.id == "tx-1" && ended.endReason == .evDisconnected && ended.energy == 950)
        #expect(station.sockets[1]?.session == nil)
    }

    @Test func staleReadingsKeepTheSessionWaiting() {
        var station = restarted(with: running)
        _ = station.observe(1, pilot: nil, quality: .failed, power: nil, energy: nil, at: t0 + 600)
        #expect(station.sockets[1]?.session?.id == "tx-1")
        let events = station.observe(1, pilot: .c, quality: .fresh, power: 11_000, energy: 11_000, at: t0 + 601)
        #expect(!events.contains { if case .sessionStarted = $0 { true } else { false } })
        #expect(station.sockets[1]?.session?.id == "tx-1")
    }

    @Test func endedOrForeignSessionsAreNotRestored() {
        var ended = running
        ended.end(at: t0 + 10, reason: .local)
        #expect(restarted(with: ended).sockets[1]?.session == nil)
        let foreign = ChargingSession(id: "tx-9", socket: 9, idTag: nil, startedAt: t0, meterStart: nil)
        #expect(restarted(with: foreign).sockets[1]?.session == nil)
    }
}
