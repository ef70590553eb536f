import Foundation
import OCPP

/// OCPP 2.0.1 messages as a station sends them.
enum OCPPFixtures {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func energy(_ wh: Double, at time: Date, powerW: Double? = nil) -> [OCPP201.MeterValue] {
        var samples = [OCPP201.SampledValue(value: wh, measurand: .energyActiveImportRegister, unitOfMeasure: .init(unit: "Wh"))]
        if let powerW { samples.append(.init(value: powerW / 1000, measurand: .powerActiveImport, unitOfMeasure: .init(unit: "kW"))) }
        return [OCPP201.MeterValue(sampledValues: samples, timestamp: time)]
    }

    /// Started, Updated (offline), Ended of one transaction on EVSE 1.
    static func transaction(_ id: String, token: String = "TAG-1") -> [OCPP201.TransactionEventRequest] {
        [
            .init(
                eventType: .started, meterValues: energy(1_000, at: start), timestamp: start, triggerReason: .authorized, seqNo: 0,
                transactionInfo: .init(transactionId: id, chargingState: .evConnected), evse: .init(id: 1, connectorId: 1),
                idToken: .init(idToken: token, type: .iso14443)),
            .init(
                eventType: .updated, meterValues: energy(1_250, at: start + 60, powerW: 11_000), timestamp: start + 60,
                triggerReason: .meterValuePeriodic, seqNo: 1, offline: true,
                transactionInfo: .init(transactionId: id, chargingState: .charging)),
            .init(
                eventType: .ended, meterValues: energy(1_400, at: start + 120), timestamp: start + 120, triggerReason: .stopAuthorized,
                seqNo: 2, transactionInfo: .init(transactionId: id, chargingState: .idle, stoppedReason: .local),
                evse: .init(id: 1, connectorId: 1)),
        ]
    }

    static func gridMeter(at time: Date) -> OCPP201.MeterValuesRequest {
        .init(evseId: 0, meterValues: energy(50_000, at: time, powerW: 7_000))
    }

    static func status(_ status: OCPP201.ConnectorStatus, evse: Int = 1, at time: Date, socket: String? = "A") -> OCPP201.StatusNotificationRequest {
        .init(
            timestamp: time, connectorStatus: status, evseId: evse, connectorId: 1,
            customData: socket.map { .init(vendorId: "org.stationmaster", extensions: ["socket": .string($0)]) })
    }

    static let batteryTelemetry: JSONValue = [
        "timestamp": "2026-11-25T14:00:00Z", "soc_percent": 62.5, "power_w": -3000, "setpoint_w": -3000, "mode": "peak-shaving",
        "quality": "fresh",
    ]

    static let availabilityAudit: JSONValue = [
        "timestamp": "2026-11-25T14:00:00Z", "evse_id": 1, "socket": "A", "enabled": false, "source": "technician", "actor": "jdoe",
        "reason": "cable damaged",
    ]
}
