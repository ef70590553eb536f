public import Foundation
import StationCore

/// How the EV used a stretch of its session: drawing energy, or connected without charging (parking).
public enum ChargingActivity: String, Sendable, Equatable, Encodable {
    case charging
    case idle
}

/// A stretch of a session with one activity, between two of its boundaries.
public struct DerivedPeriod: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var activity: ChargingActivity
    /// Energy charged in the period, whole Wh; nil when the session's energy is unknown.
    public var energyWh: Decimal?
    /// The highest active power reported in the period.
    public var maxPowerW: Double?
    /// The highest current (summed over the phases) reported in the period.
    public var maxCurrentA: Double?
}

/// A session's start, stop, energy and periods as derived from its stored events and readings, with what was
/// missing or odd in them.
public struct DerivedSession: Sendable, Equatable {
    public var start: Date
    public var stop: Date
    /// Whole Wh; nil when the readings do not tell it.
    public var energyWh: Decimal?
    public var periods: [DerivedPeriod]
    public var stoppedReason: String?
    /// Sentences saying what the data lacked and what was done about it; empty when nothing was.
    public var problems: [String]
}

/// Derives a finished transaction's periods of charging and idling from what its station reported.
///
/// The session runs from the Started event to the Ended event. Its time is cut at every reported charging state,
/// every meter reading and every instant in `boundaries`; each piece is charging or idle, and neighbours alike are
/// joined into periods unless a boundary or an energy threshold lies between them. A piece is charging when the
/// station said `Charging` and the power (or, without a power reading, the energy register) was not about zero;
/// `SuspendedEV`, `SuspendedEVSE`, `EVConnected` and `Idle` are idle; without a state, the power or register
/// decides. The energy between two register readings goes to the charging pieces between them, by duration (to
/// all of them when none charged). A low reading that later readings contradict is left out; a register that goes
/// back and stays (a reset, a meter swap) or jumps implausibly counts nothing across that step; time not covered
/// by register readings counts no energy; each is said in `problems`.
public struct ChargingPeriodDerivation: Sendable {
    /// Power below this counts as not charging.
    public var idlePowerW: Double
    /// A register step faster than this average power is not believed.
    public var maximumPlausiblePowerW: Double

    public init(idlePowerW: Double = 50, maximumPlausiblePowerW: Double = 1_000_000) {
        self.idlePowerW = idlePowerW
        self.maximumPlausiblePowerW = maximumPlausiblePowerW
    }

    /// Register problems written out one by one; more are counted (a flickering register could make thousands).
    static let sameKindProblems = 5

    static let idleStates: Set<String> = ["SuspendedEV", "SuspendedEVSE", "EVConnected", "Idle"]

    private struct Piece {
        var start: Date
        var end: Date
        var state: String?
        var powerW: Double?
        var currentA: Double?
        /// The register interval the piece lies in, nil outside the readings.
        var interval: Int?
        var activity: ChargingActivity = .idle
        var energyWh: Double = 0
        var duration: Double { end.timeIntervalSince(start) }
    }

    /// The session of `history`; `boundaries` (instants where the tariff may change) and `energyThresholdsKWh`
    /// (energy so far where it may change) start new periods.
    public func derive(_ history: TransactionHistory, boundaries: [Date] = [], energyThresholdsKWh: [Decimal] = []) -> DerivedSession {
        var problems: [String] = []
        let events = history.events.sorted { ($0.timestamp, $0.seqNo) < ($1.timestamp, $1.seqNo) }
        let ordered = history.orderedEvents
        let started = ordered.first { $0.eventType == "Started" }
        let ended = ordered.first { $0.eventType == "Ended" }

        let start = Self.start(of: history)
        if started == nil {
            problems.append("no Started event was stored: the session is taken to start at its first event, \(Self.text(start))")
        }
        var stop: Date
        if let ended {
            stop = ended.timestamp
        } else {
            stop = Swift.max(events.last?.timestamp ?? start, history.readings.map(\.timestamp).max() ?? start)
            problems.append("no Ended event was stored: the session is taken to stop at its last report, \(Self.text(stop))")
        }
        if stop < start {
            problems.append("the session ends (\(Self.text(stop))) before it starts (\(Self.text(start))): it is taken as empty")
            stop = start
        }

        let readings = usableReadings(history.readings, start: start, stop: stop, problems: &problems)
        var registerProblems: [String] = []
        let register = Self.withoutGlitches(
            readings.compactMap { reading in reading.energyWh.map { (time: reading.timestamp, wh: $0) } }, problems: &registerProblems)
        var deltas: [Double] = []
        for index in register.indices.dropFirst() {
            let (before, after) = (register[index - 1], register[index])
            var delta = after.wh - before.wh
            let hours = after.time.timeIntervalSince(before.time) / 3_600
            if abs(delta) < 0.5 {
                // kWh readings converted to Wh differ in their last binary digits.
                delta = 0
            } else if delta < 0 {
                registerProblems.append("the energy register went back from \(Self.wh(before.wh)) to \(Self.wh(after.wh)) at \(Self.text(after.time)) (a reset or a meter change): no energy is counted between \(Self.text(before.time)) and then")
                delta = 0
            } else if hours <= 0 || delta / hours > maximumPlausiblePowerW {
                registerProblems.append("the energy register rose by \(Self.wh(delta)) between \(Self.text(before.time)) and \(Self.text(after.time)), faster than \(Int(maximumPlausiblePowerW / 1_000)) kW: that step is not counted")
                delta = 0
            }
            deltas.append(delta)
        }
        problems += registerProblems.prefix(Self.sameKindProblems)
        if registerProblems.count > Self.sameKindProblems {
            problems.append("and \(registerProblems.count - Self.sameKindProblems) more energy register readings or steps that were not counted")
        }
        let energyKnown = register.count >= 2
        if register.isEmpty {
            problems.append("no energy register readings were stored: the session's energy is unknown")
        } else if register.count == 1 {
            problems.append("only one energy register reading was stored (\(Self.text(register[0].time))): the session's energy is unknown")
        }

        var pieces = cut(start: start, stop: stop, events: events, readings: readings, register: register.map(\.time), boundaries: boundaries)
        classify(&pieces, deltas: deltas, register: register.map(\.time))
        distribute(&pieces, deltas: deltas)
        if energyKnown { reportUncovered(pieces, problems: &problems) }

        var forced = Set(boundaries)
        if energyKnown { split(&pieces, atThresholds: energyThresholdsKWh, forced: &forced) }
        let periods = join(pieces, start: start, forced: forced, energyKnown: energyKnown)
        let total = energyKnown ? Self.wholeWh(pieces.reduce(0) { $0 + $1.energyWh }) : nil
        return DerivedSession(
            start: start, stop: stop, energyWh: total, periods: periods, stoppedReason: ended?.stoppedReason, problems: problems)
    }

    /// When the session started: its Started event, else its first event (else its first reading).
    public static func start(of history: TransactionHistory) -> Date {
        if let started = history.orderedEvents.first(where: { $0.eventType == "Started" }) { return started.timestamp }
        return history.events.map(\.timestamp).min() ?? history.readings.map(\.timestamp).min() ?? Date(timeIntervalSince1970: 0)
    }

    /// The register readings without glitches: a reading below the one before it while a later reading is back at
    /// that level or above was a misreading, not a reset. (A reset stays low: later readings climb from it.)
    static func withoutGlitches(_ register: [(time: Date, wh: Double)], problems: inout [String]) -> [(time: Date, wh: Double)] {
        var laterMaximum = Array(repeating: -Double.infinity, count: register.count + 1)
        for index in register.indices.reversed() { laterMaximum[index] = Swift.max(register[index].wh, laterMaximum[index + 1]) }
        var kept: [(time: Date, wh: Double)] = []
        for (index, reading) in register.enumerated() {
            if let last = kept.last, reading.wh < last.wh - 0.5, laterMaximum[index + 1] >= last.wh - 0.5 {
                problems.append("an energy register reading of \(wh(reading.wh)) at \(text(reading.time)) is below the \(wh(last.wh)) read before it and the readings after it: it was left out")
                continue
            }
            kept.append(reading)
        }
        return kept
    }

    /// Finite, plausible readings, moved into the session: of those before its start only the latest is kept
    /// (at the start), of those after its stop only the earliest (at the stop); readings at one instant are merged.
    private func usableReadings(_ readings: [MeterReading], start: Date, stop: Date, problems: inout [String]) -> [MeterReading] {
        var dropped = 0
        let cleaned = readings.map { reading -> MeterReading in
            var reading = reading
            if let energy = reading.energyWh, Plausible.value(energy, in: Plausible.energyRegister) == nil { reading.energyWh = nil; dropped += 1 }
            if let power = reading.powerW, Plausible.value(power, in: Plausible.connectorPower) == nil { reading.powerW = nil; dropped += 1 }
            if let current = reading.currentA, !current.isFinite || current < 0 || current > 10_000 { reading.currentA = nil; dropped += 1 }
            return reading
        }.sorted { $0.timestamp < $1.timestamp }
        if dropped > 0 { problems.append("\(dropped) meter value\(dropped == 1 ? " was" : "s were") not finite or not plausible and left out") }

        var kept: [MeterReading] = []
        let before = cleaned.last { $0.timestamp < start && $0.energyWh != nil }
        let after = cleaned.first { $0.timestamp > stop && $0.energyWh != nil }
        for reading in cleaned {
            var reading = reading
            if reading.timestamp < start {
                guard reading == before else { continue }
                reading.timestamp = start
            } else if reading.timestamp > stop {
                guard reading == after else { continue }
                reading.timestamp = stop
            }
            if let last = kept.last, last.timestamp == reading.timestamp {
                kept[kept.count - 1] = MeterReading(
                    timestamp: reading.timestamp, energyWh: reading.energyWh ?? last.energyWh, powerW: reading.powerW ?? last.powerW,
                    currentA: reading.currentA ?? last.currentA)
            } else {
                kept.append(reading)
            }
        }
        return kept
    }

    /// The session cut at every state change, reading and boundary, each piece with the state and readings in
    /// force at its start.
    private func cut(start: Date, stop: Date, events: [TransactionHistory.Event], readings: [MeterReading], register: [Date], boundaries: [Date]) -> [Piece] {
        var points = Set([start, stop])
        for event in events where event.chargingState != nil { points.insert(Swift.min(Swift.max(event.timestamp, start), stop)) }
        for reading in readings { points.insert(reading.timestamp) }
        for boundary in boundaries where boundary > start && boundary < stop { points.insert(boundary) }
        let sorted = points.sorted()

        var pieces: [Piece] = []
        var eventIndex = 0
        var readingIndex = 0
        var registerIndex = 0
        var state: String?
        var power: Double?
        var current: Double?
        for (from, to) in zip(sorted, sorted.dropFirst()) {
            while eventIndex < events.count, events[eventIndex].timestamp <= from {
                if let reported = events[eventIndex].chargingState { state = reported }
                eventIndex += 1
            }
            while readingIndex < readings.count, readings[readingIndex].timestamp <= from {
                power = readings[readingIndex].powerW ?? power
                current = readings[readingIndex].currentA ?? current
                readingIndex += 1
            }
            while registerIndex < register.count, register[registerIndex] <= from { registerIndex += 1 }
            // register[registerIndex - 1] <= from < to <= register[registerIndex]
            let interval = registerIndex >= 1 && registerIndex < register.count ? registerIndex - 1 : nil
            pieces.append(Piece(start: from, end: to, state: state, powerW: power, currentA: current, interval: interval))
        }
        return pieces
    }

    private func classify(_ pieces: inout [Piece], deltas: [Double], register: [Date]) {
        for index in pieces.indices {
            let piece = pieces[index]
            let rate = piece.interval.map { interval -> Double in
                let hours = register[interval + 1].timeIntervalSince(register[interval]) / 3_600
                return hours > 0 ? deltas[interval] / hours : 0
            }
            let drawing: Bool? = piece.powerW.map { $0 >= idlePowerW } ?? rate.map { $0 >= idlePowerW }
            switch piece.state {
            case "Charging"?: pieces[index].activity = drawing == false ? .idle : .charging
            case let state? where Self.idleStates.contains(state): pieces[index].activity = .idle
            default: pieces[index].activity = drawing == true ? .charging : .idle
            }
        }
    }

    /// Each register step's energy to the charging pieces it spans, by duration (to every piece when none charged).
    private func distribute(_ pieces: inout [Piece], deltas: [Double]) {
        var byInterval: [Int: [Int]] = [:]
        for index in pieces.indices { if let interval = pieces[index].interval { byInterval[interval, default: []].append(index) } }
        for (interval, members) in byInterval {
            let charging = members.filter { pieces[$0].activity == .charging }
            let takers = charging.isEmpty ? members : charging
            let duration = takers.reduce(0) { $0 + pieces[$1].duration }
            guard duration > 0 else { continue }
            for index in takers { pieces[index].energyWh = deltas[interval] * pieces[index].duration / duration }
        }
    }

    private func reportUncovered(_ pieces: [Piece], problems: inout [String]) {
        var gap: (Date, Date)?
        func flush() {
            if let (from, to) = gap {
                problems.append("no energy register reading covers \(Self.text(from)) to \(Self.text(to)) while charging: no energy is counted then")
            }
            gap = nil
        }
        for piece in pieces {
            if piece.interval == nil, piece.activity == .charging {
                gap = (gap?.0 ?? piece.start, piece.end)
            } else {
                flush()
            }
        }
        flush()
    }

    /// Cuts a piece where the energy so far crosses a threshold (energy flows evenly within a piece) and forces a
    /// period boundary there.
    private func split(_ pieces: inout [Piece], atThresholds thresholds: [Decimal], forced: inout Set<Date>) {
        let marks = Set(thresholds.map { NSDecimalNumber(decimal: $0).doubleValue * 1_000 }).filter { $0 > 0 }.sorted()
        guard !marks.isEmpty else { return }
        var result: [Piece] = []
        var before = 0.0
        for var piece in pieces {
            let after = before + piece.energyWh
            for mark in marks where mark >= before && mark < after {
                if mark == before {
                    forced.insert(piece.start)
                    continue
                }
                let fraction = (mark - before) / piece.energyWh
                let at = piece.start.addingTimeInterval((piece.duration * fraction * 1_000).rounded() / 1_000)
                guard at > piece.start, at < piece.end else { continue }
                var head = piece
                head.end = at
                head.energyWh = mark - before
                result.append(head)
                piece.start = at
                piece.energyWh = after - mark
                before = mark
                forced.insert(at)
            }
            result.append(piece)
            before = after
        }
        pieces = result
    }

    private func join(_ pieces: [Piece], start: Date, forced: Set<Date>, energyKnown: Bool) -> [DerivedPeriod] {
        guard !pieces.isEmpty else {
            return [DerivedPeriod(start: start, end: start, activity: .idle, energyWh: energyKnown ? 0 : nil, maxPowerW: nil, maxCurrentA: nil)]
        }
        var periods: [DerivedPeriod] = []
        var cumulative = 0.0
        var periodStartWh = Decimal(0)
        for piece in pieces {
            if let last = periods.last, last.activity == piece.activity, !forced.contains(piece.start) {
                periods[periods.count - 1].end = piece.end
                periods[periods.count - 1].maxPowerW = Self.larger(last.maxPowerW, piece.powerW)
                periods[periods.count - 1].maxCurrentA = Self.larger(last.maxCurrentA, piece.currentA)
            } else {
                if energyKnown, !periods.isEmpty {
                    let now = Self.wholeWh(cumulative)
                    periods[periods.count - 1].energyWh = now - periodStartWh
                    periodStartWh = now
                }
                periods.append(DerivedPeriod(
                    start: piece.start, end: piece.end, activity: piece.activity, energyWh: energyKnown ? 0 : nil,
                    maxPowerW: piece.powerW, maxCurrentA: piece.currentA))
            }
            cumulative += piece.energyWh
        }
        if energyKnown { periods[periods.count - 1].energyWh = Self.wholeWh(cumulative) - periodStartWh }
        return periods
    }

    private static func larger(_ a: Double?, _ b: Double?) -> Double? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }

    /// Whole Wh; every value here comes from plausible registers (at most 1e12 Wh), far inside Int64.
    static func wholeWh(_ value: Double) -> Decimal {
        Decimal(Int64(exactly: value.rounded()) ?? 0)
    }

    static func wh(_ value: Double) -> String { "\(Int64(exactly: value.rounded()) ?? 0) Wh" }

    static func text(_ date: Date) -> String { StoredTime.text(date) }
}
