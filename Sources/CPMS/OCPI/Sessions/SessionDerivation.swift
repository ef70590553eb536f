public import Foundation
public import OCPI

/// A transaction's OCPI Session as its station's reports say it is now. Pure: no I/O, no clock.
///
/// The numbers are the charging record's (`ChargingRecordBuilder` on the history so far, priced under the tariff
/// in force at the start), so the COMPLETED session and the CDR agree with the stored record exactly. Status:
/// COMPLETED once an Ended event is stored; ACTIVE once energy flowed or the station reported `Charging`;
/// PENDING before.
public struct SessionDerivation: Sendable {
    public var builder: ChargingRecordBuilder
    /// The currency of a session no tariff was assigned to (OCPI requires one).
    public var defaultCurrency: String

    public init(builder: ChargingRecordBuilder = ChargingRecordBuilder(), defaultCurrency: String = "EUR") {
        self.builder = builder
        self.defaultCurrency = defaultCurrency
    }

    public func session(
        _ terms: SessionTerms, history: TransactionHistory, tariff: TariffVersion?, timeZone: String, at now: Date
    ) -> Session {
        let record = builder.record(of: history, tariff: tariff, timeZone: timeZone)
        let ended = history.events.contains { $0.eventType == "Ended" }
        let kwh = record.energyKWh ?? 0
        let status: SessionStatus
        if ended {
            status = .completed
        } else if kwh > 0 || Self.chargingState(of: history) == "Charging" {
            status = .active
        } else {
            status = .pending
        }
        let total = record.price.status == .priced ? record.price.total.map { Price(exclVAT: $0.exclVAT, inclVAT: $0.inclVAT) } : nil
        return Session(
            countryCode: terms.party.countryCode, partyID: terms.party.partyID, id: terms.id,
            startDateTime: OCPIDateTime(record.startedAt), endDateTime: ended ? OCPIDateTime(record.stoppedAt) : nil, kwh: kwh,
            cdrToken: terms.cdrToken, authMethod: terms.authMethod, authorizationReference: terms.authorizationReference,
            locationID: terms.locationID, evseUID: terms.evseUID, connectorID: terms.connectorID,
            currency: tariff?.tariff.currency ?? defaultCurrency,
            chargingPeriods: record.chargingPeriods.isEmpty ? nil : record.chargingPeriods, totalCost: total, status: status,
            lastUpdated: OCPIDateTime(now))
    }

    /// The charging state the station reported last (OCPP ChargingStateEnumType), nil when it reported none.
    public static func chargingState(of history: TransactionHistory) -> String? {
        history.orderedEvents.last { $0.chargingState != nil }?.chargingState
    }
}

/// The fields of a Session that change while it runs, as an OCPI PATCH: only what differs, and `last_updated`.
public struct SessionPatch: Codable, Sendable, Equatable {
    public var kwh: Decimal?
    public var chargingPeriods: [ChargingPeriod]?
    public var totalCost: Price?
    public var status: SessionStatus?
    public var endDateTime: OCPIDateTime?
    public var lastUpdated: OCPIDateTime

    enum CodingKeys: String, CodingKey {
        case kwh, chargingPeriods = "charging_periods", totalCost = "total_cost", status, endDateTime = "end_date_time"
        case lastUpdated = "last_updated"
    }

    /// What changed from `before` (the session last reported) to `after`; nil when nothing did. The PATCH that
    /// completes a session carries every final figure (kWh, periods, cost, end), changed or not.
    public init?(from before: Session, to after: Session) {
        let final = after.status == .completed && before.status != .completed
        kwh = before.kwh == after.kwh && !final ? nil : after.kwh
        chargingPeriods = before.chargingPeriods == after.chargingPeriods && !final ? nil : after.chargingPeriods ?? []
        totalCost = before.totalCost == after.totalCost && !final ? nil : after.totalCost
        status = before.status == after.status ? nil : after.status
        endDateTime = before.endDateTime == after.endDateTime && !final ? nil : after.endDateTime
        lastUpdated = after.lastUpdated
        if kwh == nil, chargingPeriods == nil, totalCost == nil, status == nil, endDateTime == nil { return nil }
    }
}
