public import Foundation
public import OCPI

/// A finished transaction's OCPI CDR, made from its priced charging record. Pure: no I/O, no clock.
///
/// The CDR carries the record's numbers unchanged: its charging periods, its energy, the tariff version it was
/// priced under and its costs (4 decimal places, excluding and including VAT). A record without a price is not
/// made into a CDR with an invented total: the result is `.held` with the reason.
public enum CDRDerivation {
    public enum Outcome: Sendable, Equatable {
        case cdr(CDR)
        /// Not sent to the eMSP; the reason is kept with the transaction (`ocpi_cdrs.reason`).
        case held(String)
    }

    /// The CDR of `record` for the session reported as `session`, at `location` (the station's published Location),
    /// priced under `tariff` (the version the record names).
    public static func cdr(
        of record: ChargingRecord, session: Session, location: Location?, tariff: TariffVersion?, at now: Date
    ) -> Outcome {
        let price = record.price
        guard price.status == .priced, let cost = price.cost, let currency = price.currency, let tariff,
            tariff.tariffID == price.tariffId, tariff.version == price.tariffVersion
        else {
            return .held("the charging record is not priced (\(price.status.rawValue)\(price.reason.map { ": \($0)" } ?? ""))")
        }
        guard let energy = record.energyKWh else { return .held("the session's energy is unknown") }
        guard !record.chargingPeriods.isEmpty else { return .held("the charging record has no charging periods") }
        guard let location, let evse = location.evses?.first(where: { $0.uid == session.evseUID }),
            let connector = evse.connectors.first(where: { $0.id == session.connectorID }) ?? evse.connectors.first
        else { return .held("EVSE \(session.evseUID) is no longer published at location \(session.locationID)") }
        let coordinates = location.coordinates
        let cdrLocation = CdrLocation(
            id: location.id, name: location.name, address: location.address, city: location.city, postalCode: location.postalCode,
            state: location.state, country: location.country, coordinates: coordinates, evseUID: evse.uid,
            evseID: evse.evseID ?? evse.uid, connectorID: connector.id, connectorStandard: connector.standard,
            connectorFormat: connector.format, connectorPowerType: connector.powerType)
        var published = tariff.tariff
        published.countryCode = session.countryCode
        published.partyID = session.partyID
        published.lastUpdated = OCPIDateTime(tariff.validFrom)
        let parking = record.periods.filter { $0.activity == .idle }.reduce(Decimal(0)) { $0 + hours($1.start, $1.end) }
        func priced(_ dimension: BilledDimension) -> Price? {
            cost.dimensions.first { $0.dimension == dimension }.map { Price(exclVAT: $0.cost.exclVAT, inclVAT: $0.cost.inclVAT) }
        }
        let cdr = CDR(
            countryCode: session.countryCode, partyID: session.partyID, id: session.id,
            startDateTime: OCPIDateTime(record.startedAt), endDateTime: OCPIDateTime(record.stoppedAt), sessionID: session.id,
            cdrToken: session.cdrToken, authMethod: session.authMethod, authorizationReference: session.authorizationReference,
            cdrLocation: cdrLocation, currency: currency, tariffs: [published], chargingPeriods: record.chargingPeriods,
            totalCost: Price(exclVAT: cost.total.exclVAT, inclVAT: cost.total.inclVAT), totalFixedCost: priced(.flat),
            totalEnergy: energy, totalEnergyCost: priced(.energy), totalTime: hours(record.startedAt, record.stoppedAt),
            totalTimeCost: priced(.time), totalParkingTime: parking, totalParkingCost: priced(.parkingTime),
            totalReservationCost: priced(.reservationTime), lastUpdated: OCPIDateTime(now))
        do {
            try cdr.validate(at: .root)
        } catch {
            return .held("the CDR would not be valid OCPI: \(error)")
        }
        return .cdr(cdr)
    }

    /// The hours from `start` to `end`, to the millisecond, as the charging periods count them.
    static func hours(_ start: Date, _ end: Date) -> Decimal {
        let milliseconds = Int64(exactly: (end.timeIntervalSince(start) * 1_000).rounded()) ?? 0
        return Decimal(max(0, milliseconds)) / 3_600_000
    }
}
