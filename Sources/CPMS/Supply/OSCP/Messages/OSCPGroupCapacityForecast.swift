import Foundation

/// `update_group_capacity_forecast` (CP -> FP) and `adjust_group_capacity_forecast` (FP -> CP).
struct OSCPGroupCapacityForecast: Codable, Sendable, Equatable {
    var groupID: String
    var type: OSCPCapacityForecastType
    var forecastedBlocks: [OSCPForecastedBlock]

    enum CodingKeys: String, CodingKey {
        case groupID = "group_id"
        case type
        case forecastedBlocks = "forecasted_blocks"
    }
}

enum OSCPCapacityForecastType: String, Codable, Sendable, CaseIterable, OSCPEnumeration {
    case consumption = "CONSUMPTION"
    case generation = "GENERATION"
    case fallbackConsumption = "FALLBACK_CONSUMPTION"
    case fallbackGeneration = "FALLBACK_GENERATION"
    case optimum = "OPTIMUM"
}

/// One block of a forecast: a capacity over a span, for a phase, in a unit.
struct OSCPForecastedBlock: Codable, Sendable, Equatable {
    var capacity: Double
    var phase: OSCPPhase
    var unit: OSCPCapacityUnit
    var startTime: Date
    var endTime: Date

    enum CodingKeys: String, CodingKey {
        case capacity, phase, unit
        case startTime = "start_time"
        case endTime = "end_time"
    }

    init(capacity: Double, phase: OSCPPhase, unit: OSCPCapacityUnit, startTime: Date, endTime: Date) {
        self.capacity = capacity
        self.phase = phase
        self.unit = unit
        self.startTime = startTime
        self.endTime = endTime
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // Some CP implementations send the number as a string.
        if let number = try? container.decode(Double.self, forKey: .capacity) {
            capacity = number
        } else if let text = try? container.decode(String.self, forKey: .capacity), let number = Double(text) {
            capacity = number
        } else {
            throw DecodingError.typeMismatch(
                Double.self, .init(codingPath: container.codingPath + [CodingKeys.capacity], debugDescription: "capacity must be a number"))
        }
        guard capacity.isFinite, capacity >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: container, debugDescription: "must be a finite number >= 0")
        }
        phase = try container.decode(OSCPPhase.self, forKey: .phase)
        unit = try container.decode(OSCPCapacityUnit.self, forKey: .unit)
        startTime = try OSCPDateTime.decode(container, .startTime)
        endTime = try OSCPDateTime.decode(container, .endTime)
        guard startTime < endTime else {
            throw DecodingError.dataCorruptedError(forKey: .endTime, in: container, debugDescription: "must be after start_time")
        }
        // Also bounds the sum of a span's phases; 1e308 kW would be an infinite cap.
        guard OSCPCapacity.watts(of: self) <= OSCPCapacity.maximumWatts else {
            throw DecodingError.dataCorruptedError(forKey: .capacity, in: container, debugDescription: "must be at most 1 TW over its span")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(capacity, forKey: .capacity)
        try container.encode(phase, forKey: .phase)
        try container.encode(unit, forKey: .unit)
        try container.encode(OSCPDateTime.format(startTime), forKey: .startTime)
        try container.encode(OSCPDateTime.format(endTime), forKey: .endTime)
    }
}

enum OSCPPhase: String, Codable, Sendable, CaseIterable, OSCPEnumeration {
    case unknown = "UNKNOWN"
    case one = "ONE"
    case two = "TWO"
    case three = "THREE"
    case all = "ALL"
}

enum OSCPCapacityUnit: String, Codable, Sendable, CaseIterable, OSCPEnumeration {
    case amperes = "A"
    case watts = "W"
    case kilowatts = "KW"
    case wattHours = "WH"
    case kilowattHours = "KWH"
}

/// An OSCP enumeration: an unknown value is refused naming the allowed ones.
protocol OSCPEnumeration: RawRepresentable<String>, CaseIterable {}

extension OSCPEnumeration {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "must be one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
        }
        self = value
    }
}
