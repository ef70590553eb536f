import Foundation

/// A session that cannot be priced.
public struct PricingError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
}

/// Prices a session's charging periods under an OCPI 2.2.1 tariff.
///
/// Per period and per dimension the first element whose restrictions all hold and that has a component of that
/// dimension prices the period's volume; restrictions are evaluated at the period's start, in the location's time
/// zone. Reservation periods (those with RESERVATION_TIME) are priced only by elements with a reservation
/// restriction, whose TIME component prices the reservation time; when the session never charged or parked, the
/// reservation expired and RESERVATION_EXPIRES elements come first. A FLAT fee is charged each time the element
/// that supplies it becomes active. Each dimension's total (ENERGY in Wh, the times in seconds) is rounded up to
/// the step_size of its last component, and the rest is billed at that component's price. min_price and
/// max_price then bound the total, excluding and including VAT separately. Money is `Decimal` throughout.
public enum PricingEngine {
    /// Dimension costs are kept to this many decimal places: far below any currency's unit, and enough to drop the
    /// noise of volumes with repeating digits (5 minutes = 0.08333... h).
    public static let costPlaces = 10

    public static func price(_ session: ChargingSession, under tariff: Tariff) throws(PricingError) -> SessionCost {
        for index in session.periods.indices.dropFirst()
        where session.periods[index].startDateTime < session.periods[index - 1].startDateTime {
            throw PricingError(description: "charging period \(index) starts before period \(index - 1)")
        }

        let used = session.periods.contains { period in
            [CdrDimensionType.energy, .time, .parkingTime].contains { (period.volume($0) ?? 0) > 0 }
        }
        let charging = candidates(tariff, [nil])
        let reservation = candidates(tariff, [.reservation])
        let expiredReservation = candidates(tariff, [.reservationExpires, .reservation])

        var lines: [BilledDimension: [Line]] = [:]
        var periods: [PeriodPricing] = []
        periods.reserveCapacity(session.periods.count)
        var energySoFar: Decimal = 0
        var activeFlatElement: Int?

        for (index, period) in session.periods.enumerated() {
            let conditions = PeriodConditions(
                period: period, sessionStart: session.start, energySoFarKWh: energySoFar, timeZone: session.timeZone)
            let isReservation = period.volume(.reservationTime) != nil
            let elements = isReservation ? (used ? reservation : expiredReservation) : charging
            var chosen: [BilledDimension: Int] = [:]

            func bill(_ dimension: BilledDimension, _ component: TariffDimensionType, volume: Decimal) {
                guard volume > 0, let (element, price) = first(component, in: elements, tariff, conditions) else { return }
                lines[dimension, default: []].append(Line(element: element, component: price, volume: volume))
                chosen[dimension] = element
            }

            if isReservation {
                bill(.reservationTime, .time, volume: period.volume(.reservationTime) ?? 0)
            } else {
                bill(.energy, .energy, volume: period.volume(.energy) ?? 0)
                bill(.time, .time, volume: period.volume(.time) ?? 0)
                bill(.parkingTime, .parkingTime, volume: period.volume(.parkingTime) ?? 0)
            }
            let flat = first(.flat, in: elements, tariff, conditions)
            if let (element, component) = flat, element != activeFlatElement {
                lines[.flat, default: []].append(Line(element: element, component: component, volume: 1))
                chosen[.flat] = element
            }
            activeFlatElement = flat?.0
            energySoFar += max(0, period.volume(.energy) ?? 0)

            periods.append(
                PeriodPricing(
                    index: index, start: period.startDateTime, localStart: localDescription(conditions),
                    elements: chosen))
        }

        var dimensions: [DimensionCost] = []
        for dimension in BilledDimension.allCases {
            guard var billed = lines[dimension], let last = billed.last else { continue }
            let volume = billed.reduce(Decimal(0)) { $0 + $1.volume }
            let extra = stepRemainder(dimension, total: volume, stepSize: last.component.stepSize)
            if extra > 0 { billed[billed.count - 1].volume += extra }
            // Volumes priced by the same element are added first: one multiplication per element, not per period.
            var volumeByElement: [(element: Int, line: Line)] = []
            for line in billed {
                if let index = volumeByElement.firstIndex(where: { $0.element == line.element }) {
                    volumeByElement[index].line.volume += line.volume
                } else {
                    volumeByElement.append((line.element, line))
                }
            }
            let cost = volumeByElement.reduce(Cost.zero) { $0 + $1.line.cost }.rounded(toPlaces: costPlaces)
            dimensions.append(DimensionCost(dimension: dimension, volume: volume, billedVolume: volume + extra, cost: cost))
        }
        let subtotal = dimensions.reduce(Cost.zero) { $0 + $1.cost }
        var total = subtotal
        var limit: PriceLimit?
        if let minimum = tariff.minPrice {
            if total.exclVAT < minimum.exclVAT { total.exclVAT = minimum.exclVAT; limit = .minPrice }
            if let incl = minimum.inclVAT, total.inclVAT < incl { total.inclVAT = incl; limit = .minPrice }
        }
        if let maximum = tariff.maxPrice {
            if total.exclVAT > maximum.exclVAT { total.exclVAT = maximum.exclVAT; limit = .maxPrice }
            if let incl = maximum.inclVAT, total.inclVAT > incl { total.inclVAT = incl; limit = .maxPrice }
        }
        return SessionCost(
            currency: tariff.currency, dimensions: dimensions, subtotal: subtotal, total: total, limitApplied: limit,
            periods: periods)
    }

    private struct Line {
        var element: Int
        var component: PriceComponent
        var volume: Decimal

        var cost: Cost {
            let exclVAT = volume * component.price
            let inclVAT = component.vat.map { exclVAT + exclVAT * $0 / 100 } ?? exclVAT
            return Cost(exclVAT: exclVAT, inclVAT: inclVAT)
        }
    }

    /// The indices of the elements whose reservation restriction is one of `kinds`, those of the first kind first.
    private static func candidates(_ tariff: Tariff, _ kinds: [ReservationRestrictionType?]) -> [Int] {
        kinds.flatMap { kind in tariff.elements.indices.filter { tariff.elements[$0].restrictions?.reservation == kind } }
    }

    private static func first(
        _ type: TariffDimensionType, in elements: [Int], _ tariff: Tariff, _ conditions: PeriodConditions
    ) -> (Int, PriceComponent)? {
        for index in elements {
            let element = tariff.elements[index]
            if let component = element.component(type), conditions.satisfy(element.restrictions) {
                return (index, component)
            }
        }
        return nil
    }

    /// How much must be added to `total` (kWh or hours) to reach a whole number of steps (Wh or seconds).
    private static func stepRemainder(_ dimension: BilledDimension, total: Decimal, stepSize: Int) -> Decimal {
        let unitsPerVolume: Decimal
        switch dimension {
        case .flat: return 0
        case .energy: unitsPerVolume = 1000
        case .time, .parkingTime, .reservationTime: unitsPerVolume = 3600
        }
        guard stepSize > 0, total > 0 else { return 0 }
        // Sub-micro-step noise from repeating decimals (1/3 h) must not cost a whole step.
        var exact = total * unitsPerVolume / Decimal(stepSize)
        var steps = Decimal()
        NSDecimalRound(&steps, &exact, 6, .plain)
        var whole = Decimal()
        NSDecimalRound(&whole, &steps, 0, .up)
        let rounded = whole * Decimal(stepSize)
        let remainder = rounded / unitsPerVolume - total
        return remainder > 0 ? remainder : 0
    }

    private static func localDescription(_ conditions: PeriodConditions) -> String {
        (conditions.localDate?.description ?? "?") + " "
            + (TimeOfDay(hour: conditions.minuteOfDay / 60, minute: conditions.minuteOfDay % 60)?.description ?? "?")
            + " " + (conditions.weekday?.rawValue ?? "?")
    }
}
