import Foundation
import OCPP
import StationCore

/// The station settings a CSMS can read (and some it can write) with Get/SetVariables.
enum StationVariables {
    enum Lookup {
        case value(String)
        case unknownComponent
        case unknownVariable
    }

    static let components: [String: Set<String>] = [
        "ChargingStation": ["Identity", "Model", "VendorName", "AvailabilityState"],
        "SmartChargingCtrlr": ["GridConnectionLimit", "GridCap"],
        "SampledDataCtrlr": ["TxUpdatedInterval"],
        "EVSE": ["AvailabilityState", "Power"],
    ]

    static func value(
        component: OCPP201.Component, variable: OCPP201.Variable, controller: StationController, journal: UplinkJournal
    ) async -> Lookup {
        guard let names = components[component.name] else { return .unknownComponent }
        guard names.contains(variable.name) else { return .unknownVariable }
        switch (component.name, variable.name) {
        case ("ChargingStation", "Identity"): return .value(controller.configuration.stationId)
        case ("ChargingStation", "Model"): return .value("stationd")
        case ("ChargingStation", "VendorName"): return .value("Stationmaster")
        case ("ChargingStation", "AvailabilityState"):
            let statuses = await controller.socketStatuses().map(\.1)
            return .value(statuses.allSatisfy { $0 == .unavailable } ? "Unavailable" : "Available")
        case ("SmartChargingCtrlr", "GridConnectionLimit"): return .value(number(controller.configuration.grid.connectionLimitW))
        case ("SmartChargingCtrlr", "GridCap"): return .value(number(await controller.gridCap.value))
        case ("SampledDataCtrlr", "TxUpdatedInterval"): return .value(String(journal.meterInterval.components.seconds))
        case ("EVSE", let name):
            guard let id = component.evse?.id, let socket = await controller.station.sockets[SocketID(id)] else { return .unknownComponent }
            if name == "Power" { return .value(number(socket.power?.value ?? 0)) }
            return .value(socket.status.rawValue)
        default: return .unknownVariable
        }
    }

    /// `SampledDataCtrlr.TxUpdatedInterval` (seconds, 1...3600) and `SmartChargingCtrlr.GridCap` (W) can be
    /// set until the next restart; the others are read-only (the station file is where settings live).
    static func set(
        _ value: String, component: OCPP201.Component, variable: OCPP201.Variable, controller: StationController, journal: UplinkJournal
    ) async -> OCPP201.SetVariableStatus {
        switch await self.value(component: component, variable: variable, controller: controller, journal: journal) {
        case .unknownComponent: return .unknownComponent
        case .unknownVariable: return .unknownVariable
        case .value: break
        }
        switch (component.name, variable.name) {
        case ("SampledDataCtrlr", "TxUpdatedInterval"):
            guard let seconds = Int(value), (1...3_600).contains(seconds) else { return .rejected }
            journal.setMeterInterval(.seconds(seconds))
            return .accepted
        case ("SmartChargingCtrlr", "GridCap"):
            guard let watts = Double(value), watts > 0, Plausible.value(watts, in: Plausible.gridCap) != nil else { return .rejected }
            await controller.setCentralGridCap(Watts(watts))
            return .accepted
        default:
            return .rejected
        }
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
