/// What a device does for the station; the kind decides which points its profile must define.
public enum DeviceKind: String, Sendable, Hashable, CaseIterable {
    /// A charging socket controller (IEC 61851 control pilot, contactor, meter).
    case evse
    /// A battery inverter the station charges and discharges.
    case batteryInverter = "battery_inverter"
    /// The meter at the grid connection point.
    case gridMeter = "grid_meter"

    /// Points every profile of this kind must define.
    public var requiredPoints: [String] {
        switch self {
        case .evse:
            return [PointName.cpState, PointName.enable, PointName.currentLimitA, PointName.powerW, PointName.energyWh]
        case .batteryInverter:
            return [PointName.socPct, PointName.maxChargeW, PointName.maxDischargeW, PointName.powerSetpointW, PointName.powerW]
        case .gridMeter:
            return [PointName.powerW]
        }
    }

    /// Of the required points, those the station writes; they must allow writing.
    public var writtenPoints: [String] {
        switch self {
        case .evse: return [PointName.enable, PointName.currentLimitA]
        case .batteryInverter: return [PointName.powerSetpointW]
        case .gridMeter: return []
        }
    }
}

/// The point names the station's drivers look for in profiles.
public enum PointName {
    /// IEC 61851-1 control pilot state (A...F), usually with an `enum` mapping raw values to letters.
    public static let cpState = "cp_state"
    /// Charging permitted (true) or not (false).
    public static let enable = "enable"
    /// The charging current the EVSE may advertise to the car, in A.
    public static let currentLimitA = "current_limit_a"
    /// Active power in W. EVSE: drawn by the car. Battery inverter: positive = discharging. Grid meter: positive = import.
    public static let powerW = "power_w"
    /// An energy register in Wh (EVSE: total delivered to cars).
    public static let energyWh = "energy_wh"
    /// Battery state of charge in %.
    public static let socPct = "soc_pct"
    /// Largest charging power the battery accepts now, in W.
    public static let maxChargeW = "max_charge_w"
    /// Largest discharging power the battery gives now, in W.
    public static let maxDischargeW = "max_discharge_w"
    /// Active power setpoint in W: positive = discharge (export), negative = charge.
    public static let powerSetpointW = "power_setpoint_w"
    /// Grid meter: energy imported from the grid in Wh, if the meter has it.
    public static let energyImportWh = "energy_import_wh"
    /// Grid meter: energy exported to the grid in Wh, if the meter has it.
    public static let energyExportWh = "energy_export_wh"
}
