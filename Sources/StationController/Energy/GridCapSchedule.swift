public import Foundation
import OCPP
public import StationCore

/// The CSMS's ChargingStationMaxProfile as the station holds it: its periods in watts, so the cap in force can
/// be read at any moment (every control cycle) and the profile kept on disk across a restart.
public struct GridCapSchedule: Sendable, Hashable, Codable {
    /// A limit from `startSeconds` after the schedule's start until the next period's start.
    public struct Period: Sendable, Hashable, Codable {
        public var startSeconds: Int
        public var limitW: Double
    }

    public var profileId: Int
    public var validFrom: Date?
    public var validTo: Date?
    /// `startSchedule`, or when the station received the profile if it had none (a `Relative` profile).
    public var start: Date
    public var durationSeconds: Int?
    /// One day or one week for a `Recurring` profile: the schedule starts over after it.
    public var recurrenceSeconds: Int?
    /// In order of `startSeconds`.
    public var periods: [Period]

    public init(
        profileId: Int, validFrom: Date? = nil, validTo: Date? = nil, start: Date, durationSeconds: Int? = nil,
        recurrenceSeconds: Int? = nil, periods: [Period]
    ) {
        self.profileId = profileId
        self.validFrom = validFrom
        self.validTo = validTo
        self.start = start
        self.durationSeconds = durationSeconds
        self.recurrenceSeconds = recurrenceSeconds
        self.periods = periods.sorted { $0.startSeconds < $1.startSeconds }
    }

    /// The profile's first schedule in watts (amperes times `nominalVoltage` times the period's phases, 3 when
    /// not given); nil when it has no schedule or a period is not a plausible grid cap (`Plausible.gridCap`).
    init?(_ profile: OCPP201.ChargingProfile, receivedAt: Date, nominalVoltage: Double) {
        guard let schedule = profile.chargingSchedules.first, !schedule.chargingSchedulePeriods.isEmpty else { return nil }
        var periods: [Period] = []
        for period in schedule.chargingSchedulePeriods {
            guard period.startPeriod >= 0, let watts = Self.watts(period, unit: schedule.chargingRateUnit, nominalVoltage: nominalVoltage)
            else { return nil }
            periods.append(Period(startSeconds: period.startPeriod, limitW: watts))
        }
        var recurrence: Int?
        if profile.chargingProfileKind == .recurring {
            recurrence = profile.recurrencyKind == .weekly ? 7 * 86_400 : 86_400
        }
        let start = profile.chargingProfileKind == .relative ? receivedAt : schedule.startSchedule ?? receivedAt
        self.init(
            profileId: profile.id, validFrom: profile.validFrom, validTo: profile.validTo, start: start,
            durationSeconds: schedule.duration.map { max(0, $0) }, recurrenceSeconds: recurrence, periods: periods)
    }

    static func watts(_ period: OCPP201.ChargingSchedulePeriod, unit: OCPP201.ChargingRateUnit, nominalVoltage: Double) -> Double? {
        let watts: Double
        switch unit {
        case .watts: watts = period.limit
        case .amperes:
            let phases = period.numberPhases ?? 3
            guard (1...3).contains(phases) else { return nil }
            watts = period.limit * nominalVoltage * Double(phases)
        }
        return Plausible.value(watts, in: Plausible.gridCap)
    }

    /// The limit of the period in force at `now`; nil before the profile's start, after its end, and before
    /// its first period.
    public func cap(at now: Date) -> Watts? {
        if let validFrom, validFrom > now { return nil }
        if let validTo, validTo <= now { return nil }
        var elapsed = now.timeIntervalSince(start)
        guard elapsed >= 0, elapsed.isFinite else { return nil }
        if let recurrenceSeconds { elapsed = elapsed.truncatingRemainder(dividingBy: Double(recurrenceSeconds)) }
        if let durationSeconds, elapsed >= Double(durationSeconds) { return nil }
        return periods.last { Double($0.startSeconds) <= elapsed }.map { Watts($0.limitW) }
    }

    /// Whether no period of the profile can be in force from `now` on.
    public func hasEnded(at now: Date) -> Bool {
        if let validTo, validTo <= now { return true }
        guard recurrenceSeconds == nil, let durationSeconds else { return false }
        return start.addingTimeInterval(Double(durationSeconds)) <= now
    }
}
