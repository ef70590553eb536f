import Foundation
import OCPP

/// Rows from the OCPP 2.0.1 messages a station sends.
extension IngestRecord {
    static func transactionEvent(_ request: OCPP201.TransactionEventRequest, station: String, receivedAt: String) -> IngestRecord {
        let meterValues = request.meterValues ?? []
        return .transactionEvent(TransactionEventRecord(
            station: station, transactionId: request.transactionInfo.transactionId, seqNo: request.seqNo,
            eventType: request.eventType.rawValue, triggerReason: request.triggerReason.rawValue,
            timestamp: StoredTime.text(request.timestamp), offline: request.offline ?? false, evse: request.evse?.id,
            connector: request.evse?.connectorId, idToken: request.idToken?.idToken, chargingState: request.transactionInfo.chargingState?.rawValue,
            stoppedReason: request.transactionInfo.stoppedReason?.rawValue, energyWh: MeterSummary(meterValues).energyWh,
            meterValuesJSON: meterValues.isEmpty ? nil : MeterValuesJSON.text(meterValues), receivedAt: receivedAt))
    }

    static func meterValues(_ request: OCPP201.MeterValuesRequest, station: String, receivedAt: String) -> IngestRecord {
        .meterValues(request.meterValues.map { value in
            let summary = MeterSummary([value])
            return MeterValueRecord(
                station: station, evse: request.evseId, timestamp: StoredTime.text(value.timestamp),
                sampledValuesJSON: MeterValuesJSON.text(value.sampledValues), energyWh: summary.energyWh, powerW: summary.powerW,
                receivedAt: receivedAt)
        })
    }

    static func evseStatus(_ request: OCPP201.StatusNotificationRequest, station: String) -> IngestRecord {
        var socket: String?
        if let customData = request.customData, customData.vendorId == UplinkPayloads.vendorId {
            socket = customData.extensions["socket"]?.stringValue
        }
        return .evseStatus(EVSEStatusRecord(
            station: station, evse: request.evseId, connector: request.connectorId, status: request.connectorStatus.rawValue,
            socket: socket, updatedAt: StoredTime.text(request.timestamp)))
    }

    static func stationEvents(_ request: OCPP201.NotifyEventRequest, station: String, receivedAt: String) -> IngestRecord {
        .stationEvents(request.eventData.map { event in
            StationEventRecord(
                station: station, eventId: event.eventId, timestamp: StoredTime.text(event.timestamp), trigger: event.trigger.rawValue,
                eventType: event.eventNotificationType.rawValue, actualValue: event.actualValue, component: event.component.name,
                variable: event.variable.name, evse: event.component.evse?.id, cleared: event.cleared ?? false,
                techCode: event.techCode, techInfo: event.techInfo, receivedAt: receivedAt)
        })
    }

    /// OCPP JSON (the schemas' property names) of a payload part.
    static func jsonText(_ value: some Encodable) -> String {
        (try? PayloadEncoder().encode(value).jsonText) ?? "null"
    }
}
