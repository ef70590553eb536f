@testable import CPMS
import Foundation
import Scheduling
import StationCore
import Synchronization

/// Stations as the scheduler sees them: each answers, is offline, or holds every call until released.
final class FakeStations: StationCommandSender {
    enum Behaviour: Sendable {
        case answer(StationAnswer)
        case offline
        /// Holds each call until `release` is called for the station, then answers Accepted.
        case silent
    }

    struct Sent: Sendable, Hashable {
        var station: StationID
        var command: StationCommand
        var at: Date
        var delivered: Bool
    }

    private struct State {
        var behaviour: [StationID: Behaviour] = [:]
        var sent: [Sent] = []
        var held: [StationID: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let state = Mutex(State())
    private let waiters = Waiters()
    let clock: any StationClock

    init(clock: any StationClock) {
        self.clock = clock
    }

    var sent: [Sent] { state.withLock { $0.sent } }

    /// The commands that reached a station (answered), in order.
    func delivered(to station: StationID) -> [StationCommand] {
        sent.filter { $0.station == station && $0.delivered }.map(\.command)
    }

    func set(_ station: StationID, _ behaviour: Behaviour) {
        state.withLock { $0.behaviour[station] = behaviour }
    }

    /// Lets the held calls of a silent station answer.
    func release(_ station: StationID) {
        let held = state.withLock { state in
            state.behaviour[station] = .answer(.init(outcome: "Accepted", done: true))
            return state.held.removeValue(forKey: station) ?? []
        }
        held.forEach { $0.resume() }
    }

    func waitUntil(_ condition: @escaping @Sendable ([Sent]) -> Bool) async {
        await waiters.wait(until: { condition(self.sent) })
    }

    func send(_ command: StationCommand, to station: StationID) async -> CommandDelivery {
        let behaviour = state.withLock { $0.behaviour[station] } ?? .answer(.init(outcome: "Accepted", done: true))
        let at = clock.wallTime
        switch behaviour {
        case .answer(let answer):
            record(Sent(station: station, command: command, at: at, delivered: true))
            return .answered(answer)
        case .offline:
            record(Sent(station: station, command: command, at: at, delivered: false))
            return .notDelivered(reason: "not connected")
        case .silent:
            await withCheckedContinuation { continuation in
                let stillSilent = state.withLock { state -> Bool in
                    guard case .silent = state.behaviour[station] else { return false }
                    state.held[station, default: []].append(continuation)
                    return true
                }
                if stillSilent { waiters.check() } else { continuation.resume() }
            }
            record(Sent(station: station, command: command, at: clock.wallTime, delivered: true))
            return .answered(.init(outcome: "Accepted", done: true))
        }
    }

    /// How many calls a silent station holds.
    func heldCalls(_ station: StationID) -> Int { state.withLock { $0.held[station]?.count ?? 0 } }

    func waitForHeldCall(_ station: StationID) async {
        await waiters.wait(until: { self.heldCalls(station) > 0 })
    }

    private func record(_ sent: Sent) {
        state.withLock { $0.sent.append(sent) }
        waiters.check()
    }
}
