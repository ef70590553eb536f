import Foundation

/// What a charging period looks like to a tariff's restrictions, at the period's start.
struct PeriodConditions {
    var localDate: LocalDate?
    var minuteOfDay: Int
    var weekday: DayOfWeek?
    /// Energy charged in the session before this period, kWh.
    var energySoFarKWh: Decimal
    /// Time since the session started, seconds.
    var durationSeconds: Double
    var currentForMinimum: Decimal?
    var currentForMaximum: Decimal?
    var powerForMinimum: Decimal?
    var powerForMaximum: Decimal?

    init(period: ChargingPeriod, sessionStart: Date, energySoFarKWh: Decimal, timeZone: TimeZone) {
        let local = LocalClock(period.startDateTime.date, in: timeZone)
        localDate = local.date
        minuteOfDay = local.minuteOfDay
        weekday = local.weekday
        self.energySoFarKWh = energySoFarKWh
        durationSeconds = period.startDateTime.date.timeIntervalSince(sessionStart)
        let current = period.volume(.current)
        currentForMinimum = period.volume(.minCurrent) ?? current ?? period.volume(.maxCurrent)
        currentForMaximum = period.volume(.maxCurrent) ?? current ?? period.volume(.minCurrent)
        var power = period.volume(.power)
        if power == nil, let energy = period.volume(.energy), let hours = period.volume(.time), hours > 0 {
            power = energy / hours
        }
        powerForMinimum = period.volume(.minPower) ?? power ?? period.volume(.maxPower)
        powerForMaximum = period.volume(.maxPower) ?? power ?? period.volume(.minPower)
    }

    /// Whether every restriction holds. A current or power restriction does not hold for a period that has no current or power.
    func satisfy(_ restrictions: TariffRestrictions?) -> Bool {
        guard let r = restrictions else { return true }
        if r.startTime != nil || r.endTime != nil {
            let start = r.startTime?.minutes ?? 0
            let end = r.endTime.map { $0.minutes == 0 ? 1440 : $0.minutes } ?? 1440
            let inside = start < end ? (start <= minuteOfDay && minuteOfDay < end) : (minuteOfDay >= start || minuteOfDay < end)
            if !inside { return false }
        }
        if let startDate = r.startDate {
            guard let localDate, localDate >= startDate else { return false }
        }
        if let endDate = r.endDate {
            guard let localDate, localDate < endDate else { return false }
        }
        if let minimum = r.minKWh, energySoFarKWh < minimum { return false }
        if let maximum = r.maxKWh, energySoFarKWh >= maximum { return false }
        if let minimum = r.minCurrent {
            guard let current = currentForMinimum, current >= minimum else { return false }
        }
        if let maximum = r.maxCurrent {
            guard let current = currentForMaximum, current < maximum else { return false }
        }
        if let minimum = r.minPower {
            guard let power = powerForMinimum, power >= minimum else { return false }
        }
        if let maximum = r.maxPower {
            guard let power = powerForMaximum, power < maximum else { return false }
        }
        if let minimum = r.minDuration, durationSeconds < Double(minimum) { return false }
        if let maximum = r.maxDuration, durationSeconds >= Double(maximum) { return false }
        if let days = r.dayOfWeek, !days.isEmpty {
            guard let weekday, days.contains(weekday) else { return false }
        }
        return true
    }
}

/// A moment on the local wall clock: the zone's offset at that moment, then plain arithmetic (Calendar is slow).
struct LocalClock {
    var date: LocalDate?
    var minuteOfDay: Int
    var weekday: DayOfWeek?

    init(_ moment: Date, in timeZone: TimeZone) {
        let seconds = Int(moment.timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT(for: moment)
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        minuteOfDay = (seconds - days * 86_400) / 60
        // 1970-01-01 was a Thursday.
        weekday = DayOfWeek(gregorianWeekday: ((days + 4) % 7 + 7) % 7 + 1)
        date = Self.civilDate(daysSinceEpoch: days)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01, counted in 400-year eras of 146,097 days.
    static func civilDate(daysSinceEpoch days: Int) -> LocalDate? {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return LocalDate(year: year, month: month, day: day)
    }
}
