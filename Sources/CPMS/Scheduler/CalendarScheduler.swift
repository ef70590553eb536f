import Foundation
import Logging
import Scheduling
import ServiceLifecycle
import StationCore
import Synchronization

/// Executes the booking calendar's due actions at the stations at their time: ReserveNow at a booking's
/// start, CancelReservation when a reserved booking is cancelled, ChangeAvailability at a maintenance block's
/// start and end; a no-show release needs no station and is only marked.
///
/// It sleeps on the clock until the calendar's next action time, a calendar change, a station's boot or a
/// station's retry time. Each station's actions go out in order, one call at a time; stations run
/// concurrently (up to `maxConcurrentStations`), so a slow or offline one delays no other. An answer of any
/// kind marks the action executed with that outcome before the station's next action is sent; no answer
/// leaves it due: it goes out when the station boots again, or after `retryInterval`.
final class CalendarScheduler: Service, Sendable {
    struct Settings: Sendable {
        /// How many stations are sent commands at the same time.
        var maxConcurrentStations = 64
        /// When a station that did not answer (but did not reconnect) is tried again.
        var retryInterval: Duration = .seconds(60)
        /// The longest sleep between two looks at the calendar (a wall clock that jumps is noticed by then).
        var longestSleep: Duration = .seconds(300)
        /// How long to wait after the calendar could not be read.
        var readFailureBackoff: Duration = .seconds(5)
    }

    private struct State {
        /// Stations with a worker sending their actions.
        var busy: Set<StationID> = []
        /// Stations whose worker ended after the current look at the calendar began: that look may still
        /// show actions the worker has since marked, so they wait for the next look.
        var finishedDuringLook: Set<StationID> = []
        /// Stations that did not answer, and the uptime at which they are tried again.
        var retryAt: [StationID: Duration] = [:]
        /// How many times each station booted while cpms runs: a worker that fails after a new boot leaves
        /// the retry to the look that boot started.
        var boots: [StationID: Int] = [:]
    }

    let source: any CalendarActionSource
    let sender: any StationCommandSender
    let clock: any StationClock
    let settings: Settings
    let logger: Logger
    private let wake = WakeSignal()
    private let state = Mutex(State())

    init(source: any CalendarActionSource, sender: any StationCommandSender, clock: any StationClock, settings: Settings = Settings(), logger: Logger) {
        self.source = source
        self.sender = sender
        self.clock = clock
        self.settings = settings
        var logger = logger
        logger[metadataKey: "service"] = "calendar-scheduler"
        self.logger = logger
    }

    /// A station booted on a new connection: everything still due for it goes out now.
    func stationBooted(_ station: StationID) {
        state.withLock { state in
            state.retryAt[station] = nil
            state.boots[station, default: 0] += 1
        }
        wake.signal()
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                let changes = self.source.changes
                let wake = self.wake
                group.addTask {
                    for await _ in changes { wake.signal() }
                }
                while !Task.isCancelled {
                    let next = await self.look(starting: &group)
                    await wake.wait(until: next, on: self.clock)
                }
                group.cancelAll()
            }
        }
    }

    /// Starts a worker for each station with due actions that has none, and returns the uptime of the next look.
    private func look(starting group: inout DiscardingTaskGroup) async -> Duration {
        state.withLock { $0.finishedDuringLook = [] }
        let now = clock.wallTime
        let uptime = clock.uptime
        let due: [CalendarAction]
        do {
            due = try await source.dueActions(at: now)
        } catch {
            logger.error("cannot read the calendar's due actions: \(error)")
            return uptime + settings.readFailureBackoff
        }
        var byStation: [StationID: [CalendarAction]] = [:]
        var stationOrder: [StationID] = []
        for action in due {
            if byStation[action.station] == nil { stationOrder.append(action.station) }
            byStation[action.station, default: []].append(action)
        }
        let starting: [StationID] = state.withLock { state in
            var starting: [StationID] = []
            for station in stationOrder where state.busy.count < settings.maxConcurrentStations {
                guard !state.busy.contains(station), !state.finishedDuringLook.contains(station) else { continue }
                if let retry = state.retryAt[station], retry > uptime { continue }
                state.retryAt[station] = nil
                state.busy.insert(station)
                starting.append(station)
            }
            return starting
        }
        for station in starting {
            // No-show releases need no call: the station's commands go first, so that releases due at the same
            // instant (a booking ending as the next begins) never hold up a ReserveNow.
            let actions = byStation[station] ?? []
            let ordered = actions.filter { StationCommand($0) != nil } + actions.filter { StationCommand($0) == nil }
            group.addTask { await self.execute(ordered, at: station) }
        }
        var next = uptime + settings.longestSleep
        if let instant = await source.nextActionTime(after: now) {
            next = min(next, uptime + .seconds(max(0, instant.timeIntervalSince(now))))
        }
        let retries = state.withLock { $0.retryAt.values.min() }
        if let retries { next = min(next, retries) }
        return next
    }

    /// Sends a station's due actions in order; stops at the first one the station does not answer.
    private func execute(_ actions: [CalendarAction], at station: StationID) async {
        let boots = state.withLock { $0.boots[station] ?? 0 }
        defer {
            state.withLock { state in
                state.busy.remove(station)
                state.finishedDuringLook.insert(station)
            }
            wake.signal()
        }
        for action in actions {
            guard !Task.isCancelled else { return }
            let outcome: String
            if let command = StationCommand(action) {
                switch await sender.send(command, to: station) {
                case .answered(let answer):
                    if answer.done {
                        logger.info("\(action.id) on \(station) EVSE \(action.stationEVSE): \(command): \(answer)")
                    } else {
                        logger.warning("\(action.id) on \(station) EVSE \(action.stationEVSE): the station refused \(command): \(answer)")
                    }
                    outcome = answer.outcome
                case .notDelivered(let reason):
                    logger.notice("\(action.id) on \(station): \(command) not delivered (\(reason)); it stays due")
                    postpone(station, boots: boots)
                    return
                }
            } else {
                logger.info("\(action.id) on \(station) EVSE \(action.stationEVSE): booking \(action.entry) released as a no-show")
                outcome = "Released"
            }
            do {
                try await source.markExecuted(action, at: clock.wallTime, outcome: outcome)
            } catch {
                logger.error("\(action.id) on \(station): cannot store it as executed (\(error)); it stays due")
                postpone(station, boots: boots)
                return
            }
        }
    }

    private func postpone(_ station: StationID, boots: Int) {
        let retry = clock.uptime + settings.retryInterval
        state.withLock { state in
            guard (state.boots[station] ?? 0) == boots else { return }
            state.retryAt[station] = retry
        }
    }
}
