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

    init(period: ChargingPeriod, sessionStart: Date, energySoFarKWh: Decimal, calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: period.startDateTime.date)
        localDate = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
        minuteOfDay = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        weekday = DayOfWeek(gregorianWeekday: parts.weekday ?? 0)
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
