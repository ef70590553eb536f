public import Foundation
public import OCPI

/// A station's OCPI Location, made from its `LocationInputs` at a moment. Pure: no I/O, no clock.
///
/// Each described EVSE (one with at least one described connector) becomes an EVSE: `uid` and `evse_id` from
/// `EVSEIdentity`, the status from `EVSEStatusMapping`, RESERVABLE and REMOTE_START_STOP_CAPABLE, and a
/// `status_schedule` of INOPERATIVE for every maintenance block that has not ended. Each connector carries the
/// tariff in force for it (connector, else EVSE, else station assignment). `last_updated` is the latest change of
/// any part: a connector's description or its tariff assignment or tariff version; an EVSE's connectors, its
/// status reports (or the moment its station was last heard of, once offline), its maintenance blocks (changed,
/// or ended); the location's details and EVSEs.
public enum LocationPublication {
    /// Nil while the station has no described EVSE (a Location is published only with at least one).
    public static func location(_ inputs: LocationInputs, party: CPOParty, at now: Date) -> Location? {
        let byEVSE = Dictionary(grouping: inputs.connectors, by: \.connector.evse)
        let evses = byEVSE.keys.sorted().compactMap { evse(number: $0, connectors: byEVSE[$0] ?? [], inputs, party: party, at: now) }
        guard !evses.isEmpty else { return nil }
        let details = inputs.details
        let lastUpdated = ([inputs.detailsUpdatedAt] + evses.map(\.lastUpdated.date)).max() ?? inputs.detailsUpdatedAt
        return Location(
            countryCode: party.countryCode, partyID: party.partyID, id: inputs.station.id, publish: true, name: details.name,
            address: details.address, city: details.city, postalCode: details.postalCode, state: details.state,
            country: details.country, coordinates: details.coordinates, parkingType: details.parkingType, evses: evses,
            operator: details.operator, facilities: details.facilities, timeZone: inputs.station.timeZone,
            openingTimes: details.openingTimes, chargingWhenClosed: details.chargingWhenClosed, lastUpdated: OCPIDateTime(lastUpdated))
    }

    /// The `last_updated` `location(_:party:at:)` gives, from the parts' times alone (nil when it would publish
    /// nothing): what a date-filtered list compares without making every Location.
    public static func lastUpdated(_ inputs: LocationInputs, at now: Date) -> Date? {
        let byEVSE = Dictionary(grouping: inputs.connectors, by: \.connector.evse)
        let evses = byEVSE.compactMap { number, described -> Date? in
            let connectors = described.compactMap { connectorLastUpdated($0, inputs, at: now) }
            return connectors.isEmpty ? nil : evseLastUpdated(number: number, connectors: connectors, inputs, at: now)
        }
        guard !evses.isEmpty else { return nil }
        return ([inputs.detailsUpdatedAt] + evses).max()
    }

    public static let capabilities: [Capability] = [.remoteStartStopCapable, .reservable]

    static func evse(number: Int, connectors described: [LocationInputs.DescribedConnector], _ inputs: LocationInputs, party: CPOParty, at now: Date) -> EVSE? {
        let connectors = described.sorted { $0.connector.connector < $1.connector.connector }.compactMap { connector($0, inputs, at: now) }
        guard !connectors.isEmpty else { return nil }
        let reports = inputs.statuses.filter { $0.evse == number }
        let inTransaction = inputs.evsesInTransaction.contains(number)
        let status = EVSEStatusMapping.evseStatus(
            connectorStatuses: reports.map(\.status), inTransaction: inTransaction, stationConnected: inputs.station.connected)
        let blocks = inputs.maintenance.filter { $0.evse == number }
        let schedule = blocks.filter { $0.scheduled && $0.end > now }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
            .map { StatusSchedule(periodBegin: OCPIDateTime($0.start), periodEnd: OCPIDateTime($0.end), status: .inoperative) }
        let id = EVSEIdentity.evseID(party: party, code: inputs.evseCode, evse: number)
        return EVSE(
            uid: id, evseID: id, status: status, statusSchedule: schedule.isEmpty ? nil : schedule, capabilities: capabilities,
            connectors: connectors,
            lastUpdated: OCPIDateTime(evseLastUpdated(number: number, connectors: connectors.map(\.lastUpdated.date), inputs, at: now)))
    }

    /// An EVSE's last change: its connectors', its status reports, its maintenance blocks (changed, or ended) and,
    /// once its station is offline, when the station was last heard of.
    static func evseLastUpdated(number: Int, connectors: [Date], _ inputs: LocationInputs, at now: Date) -> Date {
        var changes = connectors
        for report in inputs.statuses where report.evse == number { changes.append(report.updatedAt) }
        for block in inputs.maintenance where block.evse == number {
            changes.append(block.updatedAt)
            if block.scheduled && block.end <= now { changes.append(block.end) }
        }
        if !inputs.station.connected, let lastSeen = inputs.station.lastSeen { changes.append(lastSeen) }
        return changes.max() ?? inputs.detailsUpdatedAt
    }

    static func connector(_ described: LocationInputs.DescribedConnector, _ inputs: LocationInputs, at now: Date) -> Connector? {
        let connector = described.connector
        guard let standard = ConnectorType(rawValue: connector.standard.rawValue),
            let format = OCPI.ConnectorFormat(rawValue: connector.format.rawValue),
            let powerType = OCPI.PowerType(rawValue: connector.powerType.rawValue)
        else { return nil }
        let voltage = connector.maxVoltage ?? defaultVoltage(powerType)
        let amperage = connector.maxAmperage ?? derivedAmperage(power: connector.maxElectricPower, voltage: voltage, powerType: powerType)
        let assignment = tariffInForce(evse: connector.evse, connector: connector.connector, inputs.tariffAssignments, at: now)
        return Connector(
            id: String(connector.connector), standard: standard, format: format, powerType: powerType, maxVoltage: voltage,
            maxAmperage: amperage, maxElectricPower: connector.maxElectricPower, tariffIDs: assignment.map { [$0.tariff] },
            lastUpdated: OCPIDateTime(connectorLastUpdated(described, assignment: assignment, inputs, at: now)))
    }

    /// A published connector's last change (nil when it is not published): its description, its tariff assignment
    /// in force and that tariff's version in force.
    static func connectorLastUpdated(_ described: LocationInputs.DescribedConnector, _ inputs: LocationInputs, at now: Date) -> Date? {
        let connector = described.connector
        guard ConnectorType(rawValue: connector.standard.rawValue) != nil, OCPI.ConnectorFormat(rawValue: connector.format.rawValue) != nil,
            OCPI.PowerType(rawValue: connector.powerType.rawValue) != nil
        else { return nil }
        let assignment = tariffInForce(evse: connector.evse, connector: connector.connector, inputs.tariffAssignments, at: now)
        return connectorLastUpdated(described, assignment: assignment, inputs, at: now)
    }

    static func connectorLastUpdated(
        _ described: LocationInputs.DescribedConnector, assignment: LocationInputs.TariffAssignment?, _ inputs: LocationInputs, at now: Date
    ) -> Date {
        var changes = [described.updatedAt]
        if let assignment {
            changes.append(assignment.validFrom)
            if let version = inputs.tariffVersions[assignment.tariff]?.filter({ $0 <= now }).max() { changes.append(version) }
        }
        return changes.max() ?? described.updatedAt
    }

    /// The assignment in force at `now`: the connector's, else its EVSE's, else the station's (the latest made by then at each level).
    public static func tariffInForce(
        evse: Int, connector: Int, _ assignments: [LocationInputs.TariffAssignment], at now: Date
    ) -> LocationInputs.TariffAssignment? {
        for level in [(evse, connector), (evse, 0), (0, 0)] {
            let made = assignments.filter { $0.evse == level.0 && $0.connector == level.1 && $0.validFrom <= now }
            if let latest = made.max(by: { ($0.validFrom, $0.seq) < ($1.validFrom, $1.seq) }) { return latest }
        }
        return nil
    }

    /// Volts when the description names none: 230 for AC (line to neutral, as OCPI counts AC_3_PHASE), 500 for DC.
    public static func defaultVoltage(_ powerType: OCPI.PowerType) -> Int {
        powerType == .dc ? 500 : 230
    }

    /// Amperes per phase when the description names none: the maximum power over voltage and phases, rounded up.
    public static func derivedAmperage(power: Int, voltage: Int, powerType: OCPI.PowerType) -> Int {
        let phases = switch powerType {
        case .ac1Phase, .dc: 1
        case .ac2Phase, .ac2PhaseSplit: 2
        case .ac3Phase: 3
        }
        let perPhase = voltage * phases
        return max(1, (power + perPhase - 1) / perPhase)
    }
}
