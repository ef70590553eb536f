import Foundation
import Scheduling
import StationTesting
import Testing

/// Generated sequences of book / modify / cancel / maintenance / use / restart on a manual time, with a driver
/// that asks for the due actions at advancing times and executes them, as the scheduler will; now and then the
/// free-slot search is checked against what can actually be booked.
@Suite struct CalendarPropertyTests {
    static let sequences: UInt64 = 1_000
    static let stepsPerSequence = 40

    @Test func neverTwoOverlappingAndEveryDueActionExecutedExactlyOnce() async throws {
        var violations: [String] = []
        var totals = Totals()
        for seed in 0..<Self.sequences {
            var run = try SequenceRun(seed: seed)
            run.play(steps: Self.stepsPerSequence)
            violations += run.violations.map { "seed \(seed): \($0)" }
            totals.add(run)
            await Task.yield()
        }
        #expect(violations.isEmpty, "\(violations.count) violations, first: \(violations.prefix(3).joined(separator: " | "))")
        // The generator must reach every rule, or the properties above prove little.
        #expect(totals.bookings > 5_000 && totals.maintenance > 1_000, "\(totals)")
        #expect(totals.refused > 1_000 && totals.modified > 1_000 && totals.cancelled > 1_000, "\(totals)")
        #expect(totals.forcedCancellations > 100 && totals.restarts > 1_000 && totals.used > 100, "\(totals)")
        #expect(totals.actions[.reserve, default: 0] > 1_000 && totals.actions[.cancelReservation, default: 0] > 50, "\(totals)")
        #expect(totals.actions[.release, default: 0] > 500 && totals.actions[.inoperative, default: 0] > 500, "\(totals)")
        #expect(totals.actions[.restore, default: 0] == totals.actions[.inoperative, default: 0], "\(totals)")
    }
}

enum ActionKind: Hashable { case reserve, cancelReservation, release, inoperative, restore }

extension CalendarAction.Kind {
    var plain: ActionKind {
        switch self {
        case .reserve: .reserve
        case .cancelReservation: .cancelReservation
        case .releaseNoShow: .release
        case .makeInoperative: .inoperative
        case .restore: .restore
        }
    }
}

struct Totals: CustomStringConvertible {
    var bookings = 0, maintenance = 0, refused = 0, modified = 0, cancelled = 0, forcedCancellations = 0, restarts = 0, used = 0
    var actions: [ActionKind: Int] = [:]

    mutating func add(_ run: SequenceRun) {
        bookings += run.counts.bookings
        maintenance += run.counts.maintenance
        refused += run.counts.refused
        modified += run.counts.modified
        cancelled += run.counts.cancelled
        forcedCancellations += run.counts.forcedCancellations
        restarts += run.counts.restarts
        used += run.counts.used
        for execution in run.executions.values { actions[execution.action.kind.plain, default: 0] += 1 }
    }

    var description: String {
        "bookings \(bookings), maintenance \(maintenance), refused \(refused), modified \(modified), cancelled \(cancelled), "
            + "forced \(forcedCancellations), restarts \(restarts), used \(used), actions \(actions)"
    }
}

/// One generated sequence: the calendar, what the caller stored, and what the driver executed.
struct SequenceRun {
    struct Execution {
        var action: CalendarAction
        var at: Date
        var times: Int
    }

    var generator: SplitMix64
    let settings: CalendarSettings
    var calendar: BookingCalendar
    var now = midnight
    /// The rows as the caller stores them, from the changes the calendar returned.
    var store: [EntryID: CalendarEntry] = [:]
    var executions: [ActionID: Execution] = [:]
    var violations: [String] = []
    var counts = Totals()
    private var nextID = 0

    static let step: TimeInterval = 15 * 60
    static let parties: [EMSPParty] = [greenCharge, voltApp]

    init(seed: UInt64) throws {
        generator = SplitMix64(seed: seed)
        settings = CalendarSettings(
            turnaroundGap: generator.pick([0, 0, 5 * 60, 15 * 60]),
            terms: BookingTerms(
                changeDeadline: generator.pick([0, 30 * 60]), cancelDeadline: generator.pick([0, 60 * 60]),
                noShowTimeout: generator.pick([nil, 15 * 60, 30 * 60])))
        calendar = try BookingCalendar(settings: settings, evses: stationEVSEs)
    }

    mutating func play(steps: Int) {
        for step in 0..<steps {
            advance(by: TimeInterval(generator.integer(1...14) * 60))
            act()
            checkInvariants()
            if step % 10 == 9 { checkFreeSlots() }
        }
        // Wind down: let every entry run out, in steps shorter than any window so nothing lapses unseen.
        for _ in 0..<(12 * 4) { advance(by: Self.step - 60) }
        checkOutcomes()
    }

    // MARK: The driver

    private mutating func advance(by interval: TimeInterval) {
        now = now.addingTimeInterval(interval)
        for action in calendar.dueActions(at: now) {
            if let done = executions[action.id] {
                violations.append("\(action.id) offered again at \(now) after being executed at \(done.at)")
                executions[action.id]?.times += 1
                continue
            }
            if action.due > now { violations.append("\(action.id) offered at \(now) before it is due (\(action.due))") }
            if case .reserve(_, let expiry) = action.kind, expiry <= now { violations.append("\(action.id) offered after its expiry") }
            executions[action.id] = Execution(action: action, at: now, times: 1)
            save(calendar.markExecuted(action))
        }
    }

    // MARK: Requests

    private mutating func act() {
        let before = calendar.entries
        let refused: CalendarRefusal?
        do {
            switch generator.integer(0...99) {
            case 0..<35: try book()
            case 35..<50: try modify()
            case 50..<62: try cancel()
            case 62..<77: try planMaintenance()
            case 77..<87: try use()
            default: try restart()
            }
            refused = nil
        } catch let refusal as CalendarRefusal {
            refused = refusal
        } catch {
            violations.append("unexpected error \(error)")
            return
        }
        if let refused {
            counts.refused += 1
            if refused.reason.isEmpty { violations.append("a refusal without a reason") }
            if calendar.entries != before { violations.append("refused (\(refused.reason)) but the calendar changed") }
        }
    }

    private mutating func newID(_ prefix: String) -> EntryID {
        nextID += 1
        return EntryID("\(prefix)\(nextID)")
    }

    private mutating func randomWindow() -> TimeWindow {
        let slot = (now.timeIntervalSince1970 / Self.step).rounded(.up) * Self.step
        let start = Date(timeIntervalSince1970: slot + TimeInterval(generator.integer(0...12)) * Self.step)
        return TimeWindow(start: start, duration: TimeInterval(generator.integer(1...8)) * Self.step)
    }

    private mutating func book() throws {
        let party = generator.pick(Self.parties)
        let evse = generator.pick(stationEVSEs).id
        let requirement = generator.pick([ConnectorRequirement.any, .init(standard: .type2), .init(minimumPower: 50_000)])
        let by: Actor = generator.chance(0.2) ? .admin("ops") : .emsp(party)
        let request = BookingRequest(
            id: newID("B"), evse: evse, window: randomWindow(), by: by, token: token("T\(nextID)", emsp: party), requirement: requirement)
        save(try calendar.book(request, now: now))
        counts.bookings += 1
    }

    private mutating func planMaintenance() throws {
        let request = MaintenanceRequest(
            id: newID("M"), evse: generator.pick(stationEVSEs).id, window: randomWindow(), by: .technician("Kim"),
            reason: "inspection", force: generator.chance(0.5))
        let change = try calendar.scheduleMaintenance(request, now: now)
        save(change)
        counts.maintenance += 1
        counts.forcedCancellations += change.cancellations.count
        for cancellation in change.cancellations where store[cancellation.booking]?.cancellation?.displacedBy != request.id {
            violations.append("\(cancellation.booking) reported cancelled but not stored as displaced by \(request.id)")
        }
    }

    private mutating func someEntry() -> CalendarEntry? {
        let entries = calendar.entries
        return entries.isEmpty ? nil : generator.pick(entries)
    }

    private mutating func actor(for entry: CalendarEntry) -> Actor {
        switch generator.integer(0...9) {
        case 0: .technician("Kim")
        case 1: .emsp(generator.pick(Self.parties))
        case 2, 3: .admin("ops")
        default: entry.booking.map { .emsp($0.token.emsp) } ?? .technician("Kim")
        }
    }

    private mutating func modify() throws {
        guard let entry = someEntry() else { return }
        let shift = TimeInterval(generator.integer(-4...4)) * Self.step
        let start = generator.chance(0.3) ? entry.window.start : entry.window.start.addingTimeInterval(shift)
        let window = TimeWindow(start: start, duration: TimeInterval(generator.integer(1...8)) * Self.step)
        let evse = generator.chance(0.2) ? generator.pick(stationEVSEs).id : nil
        save(try calendar.modify(entry.id, to: EntryChange(window: window, evse: evse), by: actor(for: entry), now: now))
        counts.modified += 1
    }

    private mutating func cancel() throws {
        guard let entry = someEntry() else { return }
        save(try calendar.cancel(entry.id, by: actor(for: entry), reason: "generated", now: now))
        counts.cancelled += 1
    }

    private mutating func use() throws {
        guard let entry = calendar.entries.first(where: { $0.isBooking && $0.status == .scheduled && $0.window.contains(now) }) else { return }
        save(try calendar.recordUse(of: entry.id, at: now))
        counts.used += 1
    }

    /// Rebuilds the calendar from the stored rows and the executed action ids, as after a cpms restart.
    private mutating func restart() throws {
        calendar = try BookingCalendar(settings: settings, evses: stationEVSEs, entries: Array(store.values), executed: Set(executions.keys))
        counts.restarts += 1
    }

    private mutating func save(_ change: CalendarChange) {
        for entry in change.saved {
            if let old = store[entry.id], entry.version != old.version + 1 {
                violations.append("\(entry.id) stored with version \(entry.version) after \(old.version)")
            }
            store[entry.id] = entry
        }
    }

    // MARK: Properties

    /// No two entries that hold time overlap on an EVSE, turnaround gap included; what was stored is the calendar.
    private mutating func checkInvariants() {
        let holding = store.values.filter(\.holdsTime)
        for evse in stationEVSEs.map(\.id) {
            let entries = holding.filter { $0.evse == evse }.sorted { $0.window.start < $1.window.start }
            for (earlier, later) in zip(entries, entries.dropFirst())
            where later.window.start < earlier.window.end.addingTimeInterval(settings.turnaroundGap) {
                violations.append("\(earlier.id) \(earlier.window) and \(later.id) \(later.window) overlap on \(evse)")
            }
            if calendar.holdingEntries(of: evse).map(\.id) != entries.map(\.id) {
                violations.append("the calendar's entries on \(evse) differ from the stored rows")
            }
        }
        if calendar.entries != store.values.sorted(by: { ($0.window.start, $0.id) < ($1.window.start, $1.id) }) {
            violations.append("the calendar differs from the rows its changes returned")
        }
    }

    /// The free-slot search offers exactly the quarter hours that a booking could take.
    private mutating func checkFreeSlots() {
        let from = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / Self.step).rounded(.up) * Self.step)
        let search = TimeWindow(start: from, duration: 6 * 3_600)
        let slots = calendar.freeSlots(FreeSlotQuery(window: search, minimumDuration: Self.step))
        for evse in stationEVSEs {
            for quarter in 0..<24 {
                let window = TimeWindow(start: from.addingTimeInterval(TimeInterval(quarter) * Self.step), duration: Self.step)
                let offered = slots.contains { $0.evse == evse.id && $0.window.start <= window.start && window.end <= $0.window.end }
                var copy = calendar
                let request = BookingRequest(id: "probe", evse: evse.id, window: window, by: .admin("ops"), token: token())
                let bookable = (try? copy.book(request, now: now)) != nil
                if offered != bookable { violations.append("\(evse.id) \(window): offered \(offered), bookable \(bookable)") }
            }
        }
    }

    /// Every action that had to happen happened, exactly once and not before its time.
    private mutating func checkOutcomes() {
        for execution in executions.values where execution.times != 1 {
            violations.append("\(execution.action.id) executed \(execution.times) times")
        }
        for entry in store.values {
            let executed = executions.values.filter { $0.action.entry == entry.id }
            func count(_ kind: ActionKind) -> Int { executed.filter { $0.action.kind.plain == kind }.count }
            let start = entry.window.start
            let cancelledBeforeStart = entry.cancellation.map { $0.at < start } ?? false
            switch entry.purpose {
            case .booking:
                let expiry = settings.terms.noShowTimeout.map { min(start.addingTimeInterval($0), entry.window.end) } ?? entry.window.end
                let reserved = count(.reserve) > 0
                if reserved == cancelledBeforeStart { violations.append("\(entry.id) reserved: \(reserved), cancelled before start: \(cancelledBeforeStart)") }
                let cancelled = entry.cancellation != nil
                if count(.cancelReservation) != (reserved && cancelled ? 1 : 0) {
                    violations.append("\(entry.id) reservation cancelled \(count(.cancelReservation)) times (reserved \(reserved), cancelled \(cancelled))")
                }
                let used: Bool = if case .used = entry.status { true } else { false }
                let shouldRelease = settings.terms.noShowTimeout != nil && !used && !(entry.cancellation.map { $0.at < expiry } ?? false)
                if count(.release) != (shouldRelease ? 1 : 0) { violations.append("\(entry.id) released \(count(.release)) times, expected \(shouldRelease)") }
                if shouldRelease, entry.status != .released(at: expiry) { violations.append("\(entry.id) not stored as released") }
                for reserve in executed where reserve.action.kind.plain == .reserve && !(reserve.at >= start && reserve.at < expiry) {
                    violations.append("\(reserve.action.id) executed at \(reserve.at) outside \(start)..<\(expiry)")
                }
            case .maintenance:
                let end = entry.cancellation.map { min($0.at, entry.window.end) } ?? entry.window.end
                if (count(.inoperative) == 1) == cancelledBeforeStart { violations.append("\(entry.id) taken out \(count(.inoperative)) times") }
                if count(.restore) != count(.inoperative) { violations.append("\(entry.id) restored \(count(.restore)) times") }
                for restore in executed where restore.action.kind.plain == .restore && restore.at < end {
                    violations.append("\(entry.id) restored at \(restore.at) before its end \(end)")
                }
            }
        }
    }
}
