import Foundation
import Tariffs

/// Turns a finished transaction's history into its priced charging record. Pure: no I/O, no clock.
public struct ChargingRecordBuilder: Sendable {
    public var derivation: ChargingPeriodDerivation

    public init(derivation: ChargingPeriodDerivation = ChargingPeriodDerivation()) {
        self.derivation = derivation
    }

    /// The record of `history` priced under `tariff` (the version in force at the start; nil when none was
    /// assigned), with the tariff's restrictions evaluated in `timeZone` (an IANA name).
    public func record(of history: TransactionHistory, tariff: TariffVersion?, timeZone zoneName: String) -> ChargingRecord {
        var problems: [String] = []
        let zone: TimeZone
        if let known = TimeZone(identifier: zoneName) {
            zone = known
        } else {
            problems.append("the station's time zone \"\(zoneName)\" is unknown: UTC was used")
            zone = TimeZone(identifier: "UTC") ?? .current
        }
        let start = ChargingPeriodDerivation.start(of: history)
        // Boundaries past the stop are never inside the session, so the last event or reading bounds the search.
        let end = ([start] + history.events.map(\.timestamp) + history.readings.map(\.timestamp)).max() ?? start
        let session = derivation.derive(
            history, boundaries: tariff.map { TariffBoundaries.instants($0.tariff, from: start, to: end, in: zone) } ?? [],
            energyThresholdsKWh: tariff.map { TariffBoundaries.energyThresholdsKWh($0.tariff) } ?? [])
        problems += session.problems
        if let tariff, let validity = Self.outsideValidity(tariff, at: session.start) { problems.append(validity) }

        let chargingPeriods = session.periods.map { period in
            ChargingPeriod(startDateTime: OCPIDateTime(period.start), dimensions: Self.dimensions(of: period), tariffID: tariff?.tariffID)
        }
        let price = Self.price(session, chargingPeriods, tariff, zone, history)
        return ChargingRecord(
            station: history.station, transactionId: history.transactionId, evse: history.evse, connector: history.connector,
            idToken: history.idToken, startedAt: session.start, stoppedAt: session.stop, stoppedReason: session.stoppedReason,
            timeZone: zoneName, energyWh: session.energyWh,
            periods: session.periods.map { period in
                ChargingRecord.Period(
                    start: period.start, end: period.end, activity: period.activity, energyKWh: period.energyWh.map { $0 / 1_000 },
                    maxPowerKW: period.maxPowerW.map { Self.decimal($0 / 1_000, places: 3) },
                    maxCurrentA: period.maxCurrentA.map { Self.decimal($0, places: 1) })
            },
            chargingPeriods: chargingPeriods, price: price, problems: problems)
    }

    private static func price(
        _ session: DerivedSession, _ periods: [ChargingPeriod], _ tariff: TariffVersion?, _ zone: TimeZone, _ history: TransactionHistory
    ) -> RecordPrice {
        guard let tariff else {
            let place = [history.evse.map { "EVSE \($0)" }, history.connector.map { "connector \($0)" }].compactMap { $0 }.joined(separator: " ")
            return RecordPrice(
                status: .noTariff,
                reason: "no tariff was assigned to \(history.station)\(place.isEmpty ? "" : " " + place) at \(StoredTime.text(session.start))")
        }
        var price = RecordPrice(status: .notPriced, tariffId: tariff.tariffID, tariffVersion: tariff.version, currency: tariff.tariff.currency)
        let pricesEnergy = tariff.tariff.elements.contains { $0.priceComponents.contains { $0.type == .energy } }
        if session.energyWh == nil, pricesEnergy {
            price.reason = "the session's energy is unknown and tariff \(tariff.tariffID) prices energy"
            return price
        }
        do {
            price.cost = try PricingEngine.price(
                ChargingSession(start: session.start, end: session.stop, periods: periods, timeZone: zone), under: tariff.tariff
            ).rounded(toPlaces: 4)
            price.status = .priced
        } catch {
            price.reason = "\(error)"
        }
        return price
    }

    /// Said when the session started outside the tariff's own start_date_time...end_date_time (it is still priced
    /// with it: it was the version assigned).
    static func outsideValidity(_ version: TariffVersion, at start: Date) -> String? {
        let tariff = version.tariff
        let early = tariff.startDateTime.map { start < $0.date } ?? false
        let late = tariff.endDateTime.map { start >= $0.date } ?? false
        guard early || late else { return nil }
        let window = "\(tariff.startDateTime.map(\.description) ?? "-")...\(tariff.endDateTime.map(\.description) ?? "-")"
        return "the session started outside tariff \(version.tariffID)'s start_date_time...end_date_time (\(window)); it was priced with it as assigned"
    }

    /// OCPI dimensions: ENERGY (kWh) when known, TIME or PARKING_TIME (hours), MAX_CURRENT and MAX_POWER when reported.
    static func dimensions(of period: DerivedPeriod) -> [CdrDimension] {
        var dimensions: [CdrDimension] = []
        if let energy = period.energyWh { dimensions.append(CdrDimension(.energy, energy / 1_000)) }
        let milliseconds = Int64(exactly: (period.end.timeIntervalSince(period.start) * 1_000).rounded()) ?? 0
        let hours = Decimal(milliseconds) / 3_600_000
        dimensions.append(CdrDimension(period.activity == .charging ? .time : .parkingTime, hours))
        if let current = period.maxCurrentA { dimensions.append(CdrDimension(.maxCurrent, decimal(current, places: 1))) }
        if let power = period.maxPowerW { dimensions.append(CdrDimension(.maxPower, decimal(power / 1_000, places: 3))) }
        return dimensions
    }

    /// A reading as an exact decimal with `places` decimal places (readings are finite and plausible here).
    static func decimal(_ value: Double, places: Int) -> Decimal {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        guard let units = Int64(exactly: (value * scale).rounded()) else { return 0 }
        return Decimal(units) / Decimal(sign: .plus, exponent: places, significand: 1)
    }
}
