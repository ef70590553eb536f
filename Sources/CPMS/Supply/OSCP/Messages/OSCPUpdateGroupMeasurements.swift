import Foundation

/// `update_group_measurements` (FP -> CP): what a group used.
struct OSCPUpdateGroupMeasurements: Codable, Sendable, Equatable {
    var groupID: String
    var measurements: [OSCPEnergyMeasurement]

    enum CodingKeys: String, CodingKey {
        case groupID = "group_id"
        case measurements
    }
}

/// A read-out of an accumulating energy meter.
struct OSCPEnergyMeasurement: Codable, Sendable, Equatable {
    var value: Double
    var phase: OSCPPhase
    /// `WH` or `KWH`.
    var unit: String
    var direction: String
    var energyType: String?
    var measureTime: String

    enum CodingKeys: String, CodingKey {
        case value, phase, unit, direction
        case energyType = "energy_type"
        case measureTime = "measure_time"
    }
}
