import Foundation
import Logging
import OCPP
import StationCore

/// The charge-point side of OCPP 1.6J over one connection.
final class OCPP16ChargePoint: ChargePointSession {
    var version: OCPPVersion { .v16 }
    let endpoint: OCPP16Endpoint
    let identity: ChargePointIdentity

    init(
        identity: ChargePointIdentity, configuration: OCPP16Endpoint.Configuration, clock: any StationClock, logger: Logger,
        send: @escaping OCPP16Endpoint.Send
    ) {
        self.identity = identity
        endpoint = OCPP16Endpoint(configuration: configuration, clock: clock, logger: logger, send: send)
    }

    /// Registers the answers to what a central system asks of a 1.6 charge point.
    func start(controls: any ChargePointControls) async {
        await endpoint.on(OCPP16.SetChargingProfileRequest.self) { request in
            await controls.setLimit(connector: request.connectorId, rate: Self.rate(of: request.chargingProfile))
            return .init(status: .accepted)
        }
        await endpoint.on(OCPP16.ClearChargingProfileRequest.self) { request in
            await controls.setLimit(connector: request.connectorId ?? 0, rate: nil)
            return .init(status: .accepted)
        }
        await endpoint.on(OCPP16.ChangeAvailabilityRequest.self) { request in
            await controls.setOperative(connector: request.connectorId, request.type == .operative)
            return .init(status: .accepted)
        }
    }

    /// The limit of the schedule's first period: the one in force when the profile arrives.
    static func rate(of profile: OCPP16.ChargingProfile) -> ChargingRate? {
        guard let period = profile.chargingSchedule.chargingSchedulePeriods.min(by: { $0.startPeriod < $1.startPeriod }) else {
            return nil
        }
        switch profile.chargingSchedule.chargingRateUnit {
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
        let response = try await endpoint.call(
            OCPP16.BootNotificationRequest(
                chargePointVendor: identity.vendor, chargePointModel: identity.model,
                chargePointSerialNumber: identity.serialNumber, firmwareVersion: identity.firmwareVersion))
        return BootOutcome(
            accepted: response.status == .accepted, status: response.status.rawValue, interval: .seconds(response.interval))
    }

    func heartbeat() async throws {
        _ = try await endpoint.call(OCPP16.HeartbeatRequest())
    }

    func report(connector: Int, status: ChargerConnectorStatus, transaction: ChargerTransaction?, at time: Date) async throws {
        let status16 = OCPP16.ChargePointStatus(rawValue: status.rawValue) ?? .available
        _ = try await endpoint.call(
            OCPP16.StatusNotificationRequest(connectorId: connector, errorCode: .noError, status: status16, timestamp: time))
    }

    func authorize(idTag: String) async throws -> Bool {
        try await endpoint.call(OCPP16.AuthorizeRequest(idTag: idTag)).idTagInfo.status == .accepted
    }

    func startTransaction(connector: Int, idTag: String, meterStart: WattHours, at time: Date) async throws -> TransactionStart {
        let response = try await endpoint.call(
            OCPP16.StartTransactionRequest(
                connectorId: connector, idTag: idTag, meterStart: Int(meterStart.value.rounded(.down)), timestamp: time))
        let transaction = ChargerTransaction(id: String(response.transactionId), idTag: idTag)
        return TransactionStart(transaction: transaction, accepted: response.idTagInfo.status == .accepted)
    }

    func meter(connector: Int, transaction: ChargerTransaction?, energy: WattHours, power: Watts, at time: Date) async throws {
        _ = try await endpoint.call(
            OCPP16.MeterValuesRequest(
                connectorId: connector, transactionId: transaction.flatMap { Int($0.id) },
                meterValues: [Self.sample(energy: energy, power: power, at: time)]))
    }

    func stopTransaction(
        _ transaction: ChargerTransaction, connector: Int, meterStop: WattHours, cause: TransactionStopCause, at time: Date
    ) async throws {
        let reason: OCPP16.StopReason =
            switch cause {
            case .local: .local
            case .deauthorized: .deAuthorized
            case .inoperative: .other
            }
        _ = try await endpoint.call(
            OCPP16.StopTransactionRequest(
                idTag: transaction.idTag, meterStop: Int(meterStop.value.rounded(.down)), timestamp: time,
                transactionId: Int(transaction.id) ?? 0, reason: reason))
    }

    /// The energy register (Wh) and the active power (W) at one moment.
    static func sample(energy: WattHours, power: Watts, at time: Date) -> OCPP16.MeterValue {
        OCPP16.MeterValue(
            timestamp: time,
            sampledValues: [
                .init(value: Self.decimal(energy.value), measurand: .energyActiveImportRegister, unit: .wattHours),
                .init(value: Self.decimal(power.value), measurand: .powerActiveImport, unit: .watts),
            ])
    }

    /// A reading as 1.6 writes it: decimal text, one decimal place at most.
    static func decimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int64(tenths / 10)) : String(tenths / 10)
    }
}
