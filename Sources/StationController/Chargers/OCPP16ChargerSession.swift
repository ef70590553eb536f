public import Foundation
public import Logging
public import OCPP
public import StationCore

/// A charger speaking OCPP 1.6J: its messages drive its connectors' sockets.
public final class OCPP16ChargerSession: ChargerSession {
    public let chargerID: String
    public var version: OCPPVersion { .v16 }
    let endpoint: OCPP16Endpoint
    let hub: ChargerHub
    let controller: StationController
    let isUnknown: Bool

    public init(
        chargerID: String, isUnknown: Bool, hub: ChargerHub, controller: StationController,
        configuration: OCPP16Endpoint.Configuration, logger: Logger, send: @escaping OCPP16Endpoint.Send
    ) {
        self.chargerID = chargerID
        self.isUnknown = isUnknown
        self.hub = hub
        self.controller = controller
        endpoint = OCPP16Endpoint(configuration: configuration, clock: controller.clock, logger: logger, send: send)
    }

    /// Registers the handlers for what a 1.6 charge point sends: those that need only this session's state
    /// answer on the connection's thread (`onImmediate`), the others wait for the controller.
    public func start(heartbeatInterval: Duration) async {
        let id = chargerID
        let unknown = isUnknown
        let hub = hub
        let controller = controller
        let clock = controller.clock
        let interval = Int(heartbeatInterval.components.seconds)
        await endpoint.on(OCPP16.BootNotificationRequest.self) { _ in
            .init(status: unknown ? .pending : .accepted, currentTime: clock.wallTime, interval: interval)
        }
        endpoint.onImmediate(OCPP16.HeartbeatRequest.self) { _ in .init(currentTime: clock.wallTime) }
        await endpoint.on(OCPP16.StatusNotificationRequest.self) { request in
            guard !unknown, let socket = hub.socket(chargerID: id, connector: request.connectorId) else { return .init() }
            let state = Self.vehicleState(request.status)
            await controller.chargerReported(
                socket, vehicleConnected: state.connected, requestsEnergy: state.requests,
                faulted: request.status == .faulted, power: state.requests ? nil : Watts(0), energy: nil)
            return .init()
        }
        await endpoint.on(OCPP16.AuthorizeRequest.self) { request in
            let verdict = unknown ? .invalid : await controller.authorize(idTag: request.idTag)
            return .init(idTagInfo: .init(status: Self.status(verdict)))
        }
        await endpoint.on(OCPP16.StartTransactionRequest.self) { request in
            guard !unknown, let socket = hub.socket(chargerID: id, connector: request.connectorId) else {
                return .init(idTagInfo: .init(status: .invalid), transactionId: 0)
            }
            let meterStart = try ChargerMeasurement.energy(Double(request.meterStart), at: "meterStart")
            let start = await controller.chargerStartedTransaction(
                socket, idTag: request.idTag, meterStart: meterStart, at: request.timestamp)
            return .init(idTagInfo: .init(status: Self.status(start.verdict)), transactionId: start.transactionNumber)
        }
        await endpoint.on(OCPP16.StopTransactionRequest.self) { request in
            let meterStop = try ChargerMeasurement.energy(Double(request.meterStop), at: "meterStop")
            if let socket = await controller.socket(withSession: String(request.transactionId)) {
                await controller.chargerStoppedTransaction(
                    socket, transactionNumber: request.transactionId, meterStop: meterStop,
                    reason: ChargingSession.EndReason(ocpp: request.reason?.rawValue), at: request.timestamp)
            }
            return .init(idTagInfo: request.idTag.map { _ in .init(status: .accepted) })
        }
        endpoint.onImmediate(OCPP16.MeterValuesRequest.self) { request in
            let (power, energy) = try Self.measurements(request.meterValues)
            guard let socket = hub.socket(chargerID: id, connector: request.connectorId) else { return .init() }
            controller.chargerMeterValues(socket, power: power, energy: energy)
            return .init()
        }
        endpoint.onImmediate(OCPP16.DataTransferRequest.self) { _ in .init(status: .unknownVendorId) }
        endpoint.onImmediate(OCPP16.FirmwareStatusNotificationRequest.self) { _ in .init() }
        endpoint.onImmediate(OCPP16.DiagnosticsStatusNotificationRequest.self) { _ in .init() }
    }

    public func triage(_ text: String) -> FrameTriage {
        endpoint.triage(text)
    }

    public func receive(_ frame: IncomingFrame) async {
        await endpoint.receive(frame)
    }

    public func parse(_ text: String) -> IncomingFrame {
        endpoint.parse(text)
    }

    public func setLimit(connector: Int, current: Amperes) async throws {
        let profile = OCPP16.ChargingProfile(
            chargingProfileId: 1_000 + connector, stackLevel: 0, chargingProfilePurpose: .txDefaultProfile,
            chargingProfileKind: .relative,
            chargingSchedule: .init(chargingRateUnit: .amperes, chargingSchedulePeriods: [.init(startPeriod: 0, limit: current.value)]))
        let response = try await endpoint.call(OCPP16.SetChargingProfileRequest(connectorId: connector, chargingProfile: profile))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) answered SetChargingProfile with \(response.status.rawValue)")
        }
    }

    public func setOperative(connector: Int, _ operative: Bool) async throws {
        let response = try await endpoint.call(
            OCPP16.ChangeAvailabilityRequest(connectorId: connector, type: operative ? .operative : .inoperative))
        guard response.status != .rejected else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected ChangeAvailability")
        }
    }

    public func reserve(connector: Int, reservationID: Int, idTag: String, expiresAt: Date) async throws {
        let response = try await endpoint.call(OCPP16.ReserveNowRequest(
            connectorId: connector, expiryDate: expiresAt, idTag: idTag, reservationId: reservationID))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) answered ReserveNow with \(response.status.rawValue)")
        }
    }

    public func cancelReservation(_ reservationID: Int) async throws {
        let response = try await endpoint.call(OCPP16.CancelReservationRequest(reservationId: reservationID))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected CancelReservation \(reservationID)")
        }
    }

    public func remoteStart(connector: Int, idTag: String) async throws {
        let response = try await endpoint.call(OCPP16.RemoteStartTransactionRequest(connectorId: connector, idTag: idTag))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected RemoteStartTransaction")
        }
    }

    public func remoteStop(connector: Int, sessionID: String) async throws {
        guard let transactionId = Int(sessionID) else {
            throw ChargerRefusal(description: "session \(sessionID) is not an OCPP 1.6 transaction")
        }
        let response = try await endpoint.call(OCPP16.RemoteStopTransactionRequest(transactionId: transactionId))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected RemoteStopTransaction \(transactionId)")
        }
    }

    public func close() async {
        await endpoint.close()
    }

    /// Whether a vehicle is plugged in and asks for energy, as a 1.6 status tells it.
    static func vehicleState(_ status: OCPP16.ChargePointStatus) -> (connected: Bool, requests: Bool) {
        switch status {
        case .available, .reserved, .unavailable, .faulted: return (false, false)
        case .preparing, .suspendedEV, .finishing: return (true, false)
        case .charging, .suspendedEVSE: return (true, true)
        }
    }

    static func status(_ verdict: AuthorizationVerdict) -> OCPP16.AuthorizationStatus {
        OCPP16.AuthorizationStatus(rawValue: verdict.rawValue) ?? .invalid
    }

    /// Active power and the energy register from the latest meter value; throws `PropertyConstraintViolation`
    /// for a value of either that is not a number a connector's meter can show, in its unit.
    static func measurements(_ values: [OCPP16.MeterValue]) throws(OCPPCallError) -> (Watts?, WattHours?) {
        var power: Watts?
        var energy: WattHours?
        for (index, value) in values.enumerated().sorted(by: { $0.element.timestamp < $1.element.timestamp }) {
            for (sampleIndex, sample) in value.sampledValues.enumerated() where sample.phase == nil && sample.format != .signedData {
                let measurand = sample.measurand ?? .energyActiveImportRegister
                guard measurand == .energyActiveImportRegister || measurand == .powerActiveImport else { continue }
                let path = "meterValue[\(index)].sampledValue[\(sampleIndex)].value"
                guard let number = Double(sample.value) else {
                    throw ChargerMeasurement.implausible("\(path): \"\(sample.value.prefix(40))\" is not a number")
                }
                if measurand == .energyActiveImportRegister {
                    energy = try ChargerMeasurement.energy(sample.unit == .kilowattHours ? number * 1000 : number, at: path)
                } else {
                    power = try ChargerMeasurement.power(sample.unit == .kilowatts ? number * 1000 : number, at: path)
                }
            }
        }
        return (power, energy)
    }
}
