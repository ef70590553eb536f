public import Foundation
public import Tariffs

/// Where a tariff's element choice can change within a session, so that a charging period starts there.
///
/// OCPI asks for a new charging period whenever the tariff changes; the pricing engine evaluates restrictions at a
/// period's start. A session is therefore cut at every local `start_time`/`end_time` of the tariff's elements, at
/// local midnights when an element restricts days or dates, at `min_duration`/`max_duration` after the start and
/// where the energy so far reaches `min_kwh`/`max_kwh`. A cut where nothing changes costs only a period.
public enum TariffBoundaries {
    /// The instants strictly inside (start, stop) where an element's time, date, day or duration restriction flips.
    public static func instants(_ tariff: Tariff, from start: Date, to stop: Date, in zone: TimeZone) -> [Date] {
        guard stop > start else { return [] }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let restrictions = tariff.elements.compactMap(\.restrictions)
        var instants = Set<Date>()
        for restriction in restrictions {
            for seconds in [restriction.minDuration, restriction.maxDuration].compactMap({ $0 }) {
                instants.insert(start.addingTimeInterval(TimeInterval(seconds)))
            }
        }
        let times = Set(restrictions.flatMap { [$0.startTime, $0.endTime].compactMap { $0?.minutes } })
        let byDay = restrictions.contains { $0.dayOfWeek != nil || $0.startDate != nil || $0.endDate != nil }
        if !times.isEmpty || byDay {
            // Sessions longer than a year are not cut by the day (nothing real charges that long).
            var day = calendar.startOfDay(for: start)
            let last = min(stop, start.addingTimeInterval(366 * 86_400))
            while day <= last {
                if byDay { instants.insert(day) }
                let date = calendar.dateComponents([.year, .month, .day], from: day)
                for minutes in times {
                    var local = date
                    local.hour = minutes / 60
                    local.minute = minutes % 60
                    if let instant = calendar.date(from: local) { instants.insert(instant) }
                }
                guard let next = calendar.date(byAdding: .day, value: 1, to: day), next > day else { break }
                day = next
            }
        }
        return instants.filter { $0 > start && $0 < stop }.sorted()
    }

    /// The energies so far (kWh) at which an element's `min_kwh` or `max_kwh` flips.
    public static func energyThresholdsKWh(_ tariff: Tariff) -> [Decimal] {
        Array(Set(tariff.elements.compactMap(\.restrictions).flatMap { [$0.minKWh, $0.maxKWh].compactMap { $0 } })).sorted()
    }
}
