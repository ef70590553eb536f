import Foundation
import Logging
import OCPP
import StationCore
import Synchronization

/// The charging-station side of OCPP 2.0.1 over one connection (each connector is an EVSE with connector 1).
final class OCPP201ChargePoint: ChargePointSession {
    var version: OCPPVersion { .v201 }
    let endpoint: OCPP201Endpoint
    let identity: ChargePointIdentity
    /// The connector status last reported on this connection, by EVSE id: 2.0.1 reports only changes.
    private let reported = Mutex<[Int: OCPP201.ConnectorStatus]>([:])

    init(
        identity: ChargePointIdentity, configuration: OCPP201Endpoint.Configuration, clock: any StationClock, logger: Logger,
        send: @escaping OCPP201Endpoint.Send
    ) {
        self.identity = identity
        endpoint = OCPP201Endpoint(configuration: configuration, clock: clock, logger: logger, send: send)
    }

    func start(controls: any ChargePointControls) async {
        await endpoint.on(OCPP201.SetChargingProfileRequest.self) { request in
            await controls.setLimit(connector: request.evseId, rate: Self.rate(of: request.chargingProfile))
            return .init(status: .accepted)
        }
        await endpoint.on(OCPP201.ClearChargingProfileRequest.self) { request in
            await controls.setLimit(connector: request.chargingProfileCriteria?.evseId ?? 0, rate: nil)
            return .init(status: .accepted)
        }
        await endpoint.on(OCPP201.ChangeAvailabilityRequest.self) { request in
            await controls.setOperative(connector: request.evse?.id ?? 0, request.operationalStatus == .operative)
            return .init(status: .accepted)
        }
    }

    /// The limit of the first schedule's first period: the one in force when the profile arrives.
    static func rate(of profile: OCPP201.ChargingProfile) -> ChargingRate? {
        guard let schedule = profile.chargingSchedules.first,
            let period = schedule.chargingSchedulePeriods.min(by: { $0.startPeriod < $1.startPeriod })
        else { return nil }
        switch schedule.chargingRateUnit {
        case .amperes: return .amperes(period.limit)
        case .watts: return .watts(period.limit, phases: period.numberPhases)
        }
    }

    func receive(_ text: String) async {
        await endpoint.receive(text)
    }

    func close() async {
        await endpoint.close()
    }

    func boot() async throws -> BootOutcome {
        let station = OCPP201.ChargingStation(
            serialNumber: identity.serialNumber, model: identity.model, vendorName: identity.vendor,
            firmwareVersion: identity.firmwareVersion)
        let response = try await endpoint.call(OCPP201.BootNotificationRequest(chargingStation: station, reason: .powerUp))
        return BootOutcome(
            accepted: response.status == .accepted, status: response.status.rawValue, interval: .seconds(response.interval))
    }

    func heartbeat() async throws {
        _ = try await endpoint.call(OCPP201.HeartbeatRequest())
    }

    func report(connector: Int, status: ChargerConnectorStatus, transaction: ChargerTransaction?, at time: Date) async throws {
        let connectorStatus: OCPP201.ConnectorStatus =
            switch status {
            case .available: .available
            case .unavailable: .unavailable
            case .preparing, .charging, .suspendedEVSE, .finishing: .occupied
            }
        if reported.withLock({ $0[connector] }) != connectorStatus {
            _ = try await endpoint.call(
                OCPP201.StatusNotificationRequest(
                    timestamp: time, connectorStatus: connectorStatus, evseId: connector, connectorId: 1))
            reported.withLock { $0[connector] = connectorStatus }
        }
        guard let transaction, status == .charging || status == .suspendedEVSE else { return }
        _ = try await endpoint.call(
            OCPP201.TransactionEventRequest(
                eventType: .updated, timestamp: time, triggerReason: .chargingStateChanged, seqNo: transaction.sequence.take(),
                transactionInfo: .init(transactionId: transaction.id, chargingState: status == .charging ? .charging : .suspendedEVSE)))
    }

    func authorize(idTag: String) async throws -> Bool {
        try await endpoint.call(OCPP201.AuthorizeRequest(idToken: Self.token(idTag))).idTokenInfo.status == .accepted
    }

    func startTransaction(connector: Int, idTag: String, meterStart: WattHours, at time: Date) async throws -> TransactionStart {
        let transaction = ChargerTransaction(id: UUID().uuidString, idTag: idTag)
        let response = try await endpoint.call(
            OCPP201.TransactionEventRequest(
                eventType: .started, meterValues: [Self.sample(energy: meterStart, power: nil, context: .transactionBegin, at: time)],
                timestamp: time, triggerReason: .authorized, seqNo: transaction.sequence.take(),
                transactionInfo: .init(transactionId: transaction.id, chargingState: .evConnected),
                evse: .init(id: connector, connectorId: 1), idToken: Self.token(idTag)))
        let status = response.idTokenInfo?.status ?? .accepted
        return TransactionStart(transaction: transaction, accepted: status == .accepted)
    }

    func meter(connector: Int, transaction: ChargerTransaction?, energy: WattHours, power: Watts, at time: Date) async throws {
        let sample = Self.sample(energy: energy, power: power, context: .samplePeriodic, at: time)
        guard let transaction else {
            _ = try await endpoint.call(OCPP201.MeterValuesRequest(evseId: connector, meterValues: [sample]))
            return
        }
        _ = try await endpoint.call(
            OCPP201.TransactionEventRequest(
                eventType: .updated, meterValues: [sample], timestamp: time, triggerReason: .meterValuePeriodic,
                seqNo: transaction.sequence.take(), transactionInfo: .init(transactionId: transaction.id)))
    }

    func stopTransaction(
        _ transaction: ChargerTransaction, connector: Int, meterStop: WattHours, cause: TransactionStopCause, at time: Date
    ) async throws {
        let (trigger, reason): (OCPP201.TriggerReason, OCPP201.StopReason) =
            switch cause {
            case .local: (.stopAuthorized, .local)
            case .deauthorized: (.deauthorized, .deAuthorized)
            case .inoperative: (.abnormalCondition, .other)
            }
        _ = try await endpoint.call(
            OCPP201.TransactionEventRequest(
                eventType: .ended, meterValues: [Self.sample(energy: meterStop, power: nil, context: .transactionEnd, at: time)],
                timestamp: time, triggerReason: trigger, seqNo: transaction.sequence.take(),
                transactionInfo: .init(transactionId: transaction.id, chargingState: .idle, stoppedReason: reason),
                evse: .init(id: connector, connectorId: 1), idToken: cause == .local ? Self.token(transaction.idTag) : nil))
    }

    static func token(_ idTag: String) -> OCPP201.IdToken {
        OCPP201.IdToken(idToken: idTag, type: .iso14443)
    }

    /// The energy register (Wh) and, when given, the active power (W) at one moment.
    static func sample(energy: WattHours, power: Watts?, context: OCPP201.ReadingContext, at time: Date) -> OCPP201.MeterValue {
        var values = [
            OCPP201.SampledValue(
                value: (energy.value * 10).rounded() / 10, context: context, measurand: .energyActiveImportRegister,
                unitOfMeasure: .init(unit: "Wh"))
        ]
        if let power {
            values.append(
                .init(
                    value: (power.value * 10).rounded() / 10, context: context, measurand: .powerActiveImport,
                    unitOfMeasure: .init(unit: "W")))
        }
        return OCPP201.MeterValue(sampledValues: values, timestamp: time)
    }
}
