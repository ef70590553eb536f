import Foundation
import OCPP
import StationCore

/// The requests one load charger sends, as JSON text: the setup calls, then the meter readings.
///
/// Every payload is built from the typed messages and written by `PayloadEncoder`, so it is what a real charger
/// of that version would send and passes the schemas. A reading whose payload does not change within a second
/// (everything but a 2.0.1 TransactionEvent, whose `seqNo` counts) is written once per second and reused.
final class LoadRequests {
    /// One call: the action and its payload text.
    struct Call {
        let action: String
        let payload: String
    }

    let version: OCPPVersion
    let mix: LoadMix
    let identity: ChargePointIdentity
    /// The token the transaction of the `transactions` mix is started with: one per charger, as each car has its own.
    let idTag: String
    private let encoder = PayloadEncoder()
    /// The energy register the readings report (it does not move: the load is about messages, not energy).
    private let energy = WattHours(12_345.6)
    /// The transaction the readings belong to, once started.
    private(set) var transactionID: String?
    private var sequenceNumber = 0
    private var insideTransaction = false
    private var cached: (second: Int64, inside: Bool, call: Call)?

    init(version: OCPPVersion, mix: LoadMix, identity: ChargePointIdentity, idTag: String) {
        self.version = version
        self.mix = mix
        self.identity = identity
        self.idTag = idTag
    }

    /// A charger's token: its id, or the id's last 20 characters (the longest token 1.6 allows).
    static func token(of chargerID: String) -> String {
        String(chargerID.suffix(20))
    }

    func boot() throws(PayloadViolation) -> Call {
        switch version {
        case .v16:
            return try call(
                OCPP16.BootNotificationRequest(
                    chargePointVendor: identity.vendor, chargePointModel: identity.model,
                    chargePointSerialNumber: identity.serialNumber, firmwareVersion: identity.firmwareVersion))
        case .v201:
            let station = OCPP201.ChargingStation(
                serialNumber: identity.serialNumber, model: identity.model, vendorName: identity.vendor,
                firmwareVersion: identity.firmwareVersion)
            return try call(OCPP201.BootNotificationRequest(chargingStation: station, reason: .powerUp))
        }
    }

    /// Whether a BootNotification answer accepts the charger.
    func bootAccepted(_ payload: JSONValue) -> Bool {
        switch version {
        case .v16: (try? PayloadDecoder(version: .v16).decode(OCPP16.BootNotificationResponse.self, from: payload))?.status == .accepted
        case .v201: (try? PayloadDecoder(version: .v201).decode(OCPP201.BootNotificationResponse.self, from: payload))?.status == .accepted
        }
    }

    /// Connector 1 is available.
    func status(at time: Date) throws(PayloadViolation) -> Call {
        switch version {
        case .v16:
            try call(OCPP16.StatusNotificationRequest(connectorId: 1, errorCode: .noError, status: .available, timestamp: time))
        case .v201:
            try call(OCPP201.StatusNotificationRequest(timestamp: time, connectorStatus: .available, evseId: 1, connectorId: 1))
        }
    }

    /// The transaction the readings of the `transactions` mix belong to.
    func startTransaction(at time: Date) throws(PayloadViolation) -> Call {
        switch version {
        case .v16:
            return try call(
                OCPP16.StartTransactionRequest(
                    connectorId: 1, idTag: idTag, meterStart: Int(energy.value.rounded(.down)), timestamp: time))
        case .v201:
            let id = UUID().uuidString
            transactionID = id
            sequenceNumber = 1
            return try call(
                OCPP201.TransactionEventRequest(
                    eventType: .started,
                    meterValues: [OCPP201ChargePoint.sample(energy: energy, power: nil, context: .transactionBegin, at: time)],
                    timestamp: time, triggerReason: .authorized, seqNo: 0,
                    transactionInfo: .init(transactionId: id, chargingState: .charging),
                    evse: .init(id: 1, connectorId: 1), idToken: OCPP201ChargePoint.token(idTag)))
        }
    }

    /// Takes the answer to `startTransaction`; false when the charger may not go on.
    func transactionStarted(_ payload: JSONValue) -> Bool {
        switch version {
        case .v16:
            guard let response = try? PayloadDecoder(version: .v16).decode(OCPP16.StartTransactionResponse.self, from: payload),
                response.idTagInfo.status == .accepted
            else { return false }
            transactionID = String(response.transactionId)
            return true
        case .v201:
            let response = try? PayloadDecoder(version: .v201).decode(OCPP201.TransactionEventResponse.self, from: payload)
            return response != nil && (response?.idTokenInfo?.status ?? .accepted) == .accepted
        }
    }

    /// The next meter reading; with the `transactions` mix every other one belongs to the transaction.
    func nextReading(at time: Date) throws(PayloadViolation) -> Call {
        let inside = mix == .transactions && transactionID != nil && !insideTransaction
        insideTransaction = inside
        if inside, version == .v201, let transactionID {
            defer { sequenceNumber += 1 }
            return try call(
                OCPP201.TransactionEventRequest(
                    eventType: .updated,
                    meterValues: [OCPP201ChargePoint.sample(energy: energy, power: Watts(0), context: .samplePeriodic, at: time)],
                    timestamp: time, triggerReason: .meterValuePeriodic, seqNo: sequenceNumber,
                    transactionInfo: .init(transactionId: transactionID)))
        }
        let second = Int64(time.timeIntervalSince1970.rounded(.down))
        if let cached, cached.second == second, cached.inside == inside { return cached.call }
        let reading: Call
        switch version {
        case .v16:
            reading = try call(
                OCPP16.MeterValuesRequest(
                    connectorId: 1, transactionId: inside ? transactionID.flatMap { Int($0) } : nil,
                    meterValues: [OCPP16ChargePoint.sample(energy: energy, power: Watts(0), at: time)]))
        case .v201:
            reading = try call(
                OCPP201.MeterValuesRequest(
                    evseId: 1,
                    meterValues: [OCPP201ChargePoint.sample(energy: energy, power: Watts(0), context: .samplePeriodic, at: time)]))
        }
        cached = (second, inside, reading)
        return reading
    }

    /// The answer to a call from the server: accepted where the action has a status, an error where unknown.
    func answer(action: String) -> Result<String, OCPPCallError> {
        if action == "UnlockConnector" { return .success(#"{"status":"Unlocked"}"#) }
        if Self.acceptedActions.contains(action), version.specifiedActions.contains(action) {
            return .success(#"{"status":"Accepted"}"#)
        }
        let fault: OCPPFault = version.specifiedActions.contains(action) ? .unsupportedAction : .unknownAction
        return .failure(OCPPCallError(version.errorCode(for: fault), "\(action) is not handled by a load charger"))
    }

    /// The server's calls a load charger accepts, in either version (each only where its version defines it).
    private static let acceptedActions: Set<String> = [
        "ChangeAvailability", "SetChargingProfile", "ClearChargingProfile", "ReserveNow", "CancelReservation",
        "RemoteStartTransaction", "RemoteStopTransaction", "RequestStartTransaction", "RequestStopTransaction",
        "TriggerMessage", "Reset",
    ]

    private func call<Request: OCPPRequest>(_ request: Request) throws(PayloadViolation) -> Call {
        Call(action: Request.action, payload: try encoder.encode(request).jsonText)
    }
}
