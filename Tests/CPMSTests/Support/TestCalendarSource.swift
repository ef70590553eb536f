@testable import CPMS
import Foundation
import Scheduling
import Synchronization

/// The rows a calendar store keeps (entries and executed actions), shared by the calendar sources that a
/// test starts one after the other, as cpms restarts over one database.
final class StoredCalendar: Sendable {
    struct Execution: Sendable, Hashable {
        var action: ActionID
        var at: Date
        var outcome: String
    }

    private struct Rows {
        var entries: [EntryID: CalendarEntry] = [:]
        var executions: [Execution] = []
    }

    private let rows = Mutex(Rows())
    private let waiters = Waiters()

    var entries: [CalendarEntry] { rows.withLock { Array($0.entries.values) } }
    var executions: [Execution] { rows.withLock { $0.executions } }

    func save(_ change: CalendarChange) {
        rows.withLock { rows in
            for entry in change.saved { rows.entries[entry.id] = entry }
        }
    }

    func recordExecution(_ execution: Execution, change: CalendarChange) {
        rows.withLock { rows in
            for entry in change.saved { rows.entries[entry.id] = entry }
            rows.executions.append(execution)
        }
        waiters.check()
    }

    /// Returns once `condition` holds for the executions stored.
    func waitUntil(_ condition: @escaping @Sendable ([Execution]) -> Bool) async {
        await waiters.wait(until: { condition(self.executions) })
    }

    func outcomes(_ id: ActionID) -> [String] { executions.filter { $0.action == id }.map(\.outcome) }
}

/// A `CalendarActionSource` over a plain `BookingCalendar` and a `StoredCalendar`: what `CalendarService`
/// does for cpms, without a database.
actor TestCalendarSource: CalendarActionSource {
    private(set) var calendar: BookingCalendar
    let store: StoredCalendar
    nonisolated let changes: AsyncStream<Void>
    private let changed: AsyncStream<Void>.Continuation

    /// A calendar rebuilt from what `store` holds.
    init(settings: CalendarSettings = CalendarSettings(), evses: [EVSEDescription], store: StoredCalendar) throws {
        calendar = try BookingCalendar(
            settings: settings, evses: evses, entries: store.entries, executed: Set(store.executions.map(\.action)))
        self.store = store
        (changes, changed) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func dueActions(at now: Date) -> [CalendarAction] { calendar.dueActions(at: now) }

    func markExecuted(_ action: CalendarAction, at: Date, outcome: String) {
        let change = calendar.markExecuted(action)
        store.recordExecution(.init(action: action.id, at: at, outcome: outcome), change: change)
    }

    func nextActionTime(after now: Date) -> Date? { calendar.nextActionTime(after: now) }

    func book(_ request: BookingRequest, now: Date) throws {
        store.save(try calendar.book(request, now: now))
        changed.yield()
    }

    func scheduleMaintenance(_ request: MaintenanceRequest, now: Date) throws {
        store.save(try calendar.scheduleMaintenance(request, now: now))
        changed.yield()
    }

    func cancel(_ id: EntryID, by actor: Scheduling.Actor, reason: String, now: Date) throws {
        store.save(try calendar.cancel(id, by: actor, reason: reason, now: now))
        changed.yield()
    }
}

/// Tasks waiting for a condition that holds after some change; `check()` after each change.
final class Waiters: Sendable {
    private struct Waiter {
        var condition: @Sendable () -> Bool
        var continuation: CheckedContinuation<Void, Never>
    }

    private let waiting = Mutex<[Waiter]>([])

    func wait(until condition: @escaping @Sendable () -> Bool) async {
        await withCheckedContinuation { continuation in
            if condition() {
                continuation.resume()
                return
            }
            waiting.withLock { $0.append(Waiter(condition: condition, continuation: continuation)) }
            check()
        }
    }

    func check() {
        let ready = waiting.withLock { waiting -> [CheckedContinuation<Void, Never>] in
            var ready: [CheckedContinuation<Void, Never>] = []
            var still: [Waiter] = []
            for waiter in waiting {
                if waiter.condition() { ready.append(waiter.continuation) } else { still.append(waiter) }
            }
            waiting = still
            return ready
        }
        ready.forEach { $0.resume() }
    }
}
