import Foundation
import OCPP
import StationCore

extension UplinkCommands {
    /// The station's main settings as OCPP variables (docs/uplink.md lists them).
    func getVariables(_ request: OCPP201.GetVariablesRequest) async -> OCPP201.GetVariablesResponse {
        var results: [OCPP201.GetVariableResult] = []
        for item in request.getVariableData {
            let lookup = await StationVariables.value(component: item.component, variable: item.variable, controller: controller, journal: journal)
            switch lookup {
            case .value(let value):
                results.append(
                    .init(attributeStatus: .accepted, attributeType: item.attributeType, attributeValue: value, component: item.component,
                        variable: item.variable))
            case .unknownComponent:
                results.append(.init(attributeStatus: .unknownComponent, component: item.component, variable: item.variable))
            case .unknownVariable:
                results.append(.init(attributeStatus: .unknownVariable, component: item.component, variable: item.variable))
            }
        }
        return .init(getVariableResults: results)
    }

    func setVariables(_ request: OCPP201.SetVariablesRequest) async -> OCPP201.SetVariablesResponse {
        var results: [OCPP201.SetVariableResult] = []
        for item in request.setVariableData {
            let status = await StationVariables.set(
                item.attributeValue, component: item.component, variable: item.variable, controller: controller, journal: journal)
            results.append(.init(attributeType: item.attributeType, attributeStatus: status, component: item.component, variable: item.variable))
        }
        return .init(setVariableResults: results)
    }

    /// A station reset is a graceful restart by stationd's supervisor; an EVSE cannot be reset on its own.
    func reset(_ request: OCPP201.ResetRequest) async -> OCPP201.ResetResponse {
        guard request.evseId == nil || request.evseId == 0 else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "UnsupportedRequest", additionalInfo: "EVSEs cannot be reset alone"))
        }
        guard restart.isAvailable else { return .init(status: .rejected, statusInfo: .init(reasonCode: "NoSupervisor")) }
        let busy = await controller.station.sockets.values.contains { $0.session != nil }
        if request.type == .onIdle, busy {
            logger.notice("uplink: reset requested once idle; sessions are running")
            let controller = controller
            let restart = restart
            Task {
                while await controller.station.sockets.values.contains(where: { $0.session != nil }) {
                    do {
                        try await controller.clock.sleep(for: .seconds(5))
                    } catch {
                        return
                    }
                }
                restart.perform()
            }
            return .init(status: .scheduled)
        }
        logger.notice("uplink: CSMS requested a reset: stopping gracefully for a restart")
        restart.perform()
        return .init(status: .accepted)
    }

    func trigger(_ request: OCPP201.TriggerMessageRequest) async -> OCPP201.TriggerMessageResponse {
        switch request.requestedMessage {
        case .heartbeat:
            heartbeat.request()
        case .statusNotification:
            var statuses = await controller.socketStatuses()
            if let evse = request.evse?.id, evse > 0 { statuses = statuses.filter { $0.0 == SocketID(evse) } }
            journal.reportAll(statuses, at: controller.clock.wallTime)
            await controller.flushJournal()
        case .meterValues, .transactionEvent:
            journal.sampleAtNextCycle()
        default:
            return .init(status: .notImplemented)
        }
        return .init(status: .accepted)
    }
}
