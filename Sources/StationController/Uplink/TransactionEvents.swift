import Foundation
import OCPP
import StationCore

/// The TransactionEvent requests of a station session.
enum TransactionEvents {
    /// The Started event; a transaction a RequestStartTransaction asked for names its `remoteStartId`.
    static func started(_ session: ChargingSession, seqNo: Int, offline: Bool, remoteStartId: Int? = nil) -> OCPP201.TransactionEventRequest {
        let trigger: OCPP201.TriggerReason = remoteStartId != nil ? .remoteStart : session.idTag == nil ? .cablePluggedIn : .authorized
        return OCPP201.TransactionEventRequest(
            eventType: .started, meterValues: meterValues(session, context: .transactionBegin, at: session.startedAt),
            timestamp: session.startedAt, triggerReason: trigger, seqNo: seqNo, offline: offline ? true : nil,
            transactionInfo: .init(transactionId: session.id, chargingState: .evConnected, remoteStartId: remoteStartId),
            evse: .init(id: session.socket.rawValue, connectorId: 1), idToken: session.idTag.map(token))
    }

    static func periodic(_ session: ChargingSession, seqNo: Int, at time: Date, offline: Bool) -> OCPP201.TransactionEventRequest {
        OCPP201.TransactionEventRequest(
            eventType: .updated, meterValues: meterValues(session, context: .samplePeriodic, at: time), timestamp: time,
            triggerReason: .meterValuePeriodic, seqNo: seqNo, offline: offline ? true : nil,
            transactionInfo: .init(transactionId: session.id, chargingState: session.power.value > 0 ? .charging : .suspendedEVSE))
    }

    static func ended(_ session: ChargingSession, seqNo: Int, offline: Bool) -> OCPP201.TransactionEventRequest {
        let time = session.endedAt ?? session.startedAt
        let reason = session.endReason ?? .other
        return OCPP201.TransactionEventRequest(
            eventType: .ended, meterValues: meterValues(session, context: .transactionEnd, at: time), timestamp: time,
            triggerReason: trigger(reason), seqNo: seqNo, offline: offline ? true : nil,
            transactionInfo: .init(
                transactionId: session.id, chargingState: reason == .evDisconnected ? .idle : .evConnected,
                stoppedReason: stoppedReason(reason)),
            evse: .init(id: session.socket.rawValue, connectorId: 1))
    }

    /// The energy register at `time` and, for a periodic sample, the power.
    static func meterValues(_ session: ChargingSession, context: OCPP201.ReadingContext, at time: Date) -> [OCPP201.MeterValue]? {
        let register = context == .transactionBegin ? session.meterStart : session.meterLatest
        var values: [OCPP201.SampledValue] = []
        if let register {
            values.append(
                .init(
                    value: UplinkJournal.rounded(register.value), context: context, measurand: .energyActiveImportRegister,
                    unitOfMeasure: .init(unit: "Wh")))
        }
        if context == .samplePeriodic {
            values.append(
                .init(
                    value: UplinkJournal.rounded(session.power.value), context: context, measurand: .powerActiveImport,
                    unitOfMeasure: .init(unit: "W")))
        }
        return values.isEmpty ? nil : [.init(sampledValues: values, timestamp: time)]
    }

    static func token(_ idTag: String) -> OCPP201.IdToken {
        OCPP201.IdToken(idToken: idTag, type: .central)
    }

    static func trigger(_ reason: ChargingSession.EndReason) -> OCPP201.TriggerReason {
        switch reason {
        case .evDisconnected: .evCommunicationLost
        case .remote: .remoteStop
        case .local: .stopAuthorized
        case .deauthorized: .deauthorized
        case .emergencyStop, .powerLoss, .other: .abnormalCondition
        }
    }

    static func stoppedReason(_ reason: ChargingSession.EndReason) -> OCPP201.StopReason {
        switch reason {
        case .evDisconnected: .evDisconnected
        case .remote: .remote
        case .local: .local
        case .deauthorized: .deAuthorized
        case .emergencyStop: .emergencyStop
        case .powerLoss: .powerLoss
        case .other: .other
        }
    }
}
