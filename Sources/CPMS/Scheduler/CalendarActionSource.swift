import Foundation
import Scheduling

/// Where the scheduler takes the calendar's due actions from and where it reports them done: the stored
/// calendar in cpms (`CalendarService`), a plain `BookingCalendar` in tests.
protocol CalendarActionSource: Sendable {
    /// The actions due at `now` that have not been executed, earliest first.
    func dueActions(at now: Date) async throws -> [CalendarAction]
    /// Stores the action as executed at `at`, with the station's answer (`outcome`, e.g. "Accepted",
    /// "Occupied") and what executing it changed, before it returns; the action is never offered again, also
    /// after a restart.
    func markExecuted(_ action: CalendarAction, at: Date, outcome: String) async throws
    /// The earliest instant after `now` at which an action may become due; nil when nothing is planned.
    func nextActionTime(after now: Date) async -> Date?
    /// Yields whenever the calendar changed (booked, moved, cancelled, maintenance), so the scheduler looks again.
    var changes: AsyncStream<Void> { get }
}
