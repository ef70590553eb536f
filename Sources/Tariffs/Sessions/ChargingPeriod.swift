public import Foundation

/// One period of a session with constant tariff conditions (OCPI ChargingPeriod).
public struct ChargingPeriod: Codable, Sendable, Equatable {
    public var startDateTime: OCPIDateTime
    public var dimensions: [CdrDimension]
    public var tariffID: String?

    public init(startDateTime: OCPIDateTime, dimensions: [CdrDimension], tariffID: String? = nil) {
        self.startDateTime = startDateTime
        self.dimensions = dimensions
        self.tariffID = tariffID
    }

    /// The volume of `type` in this period, if the period has it.
    public func volume(_ type: CdrDimensionType) -> Decimal? {
        dimensions.first { $0.type == type }?.volume
    }

    enum CodingKeys: String, CodingKey {
        case startDateTime = "start_date_time", dimensions, tariffID = "tariff_id"
    }
}

/// A measured quantity of a charging period (OCPI CdrDimension).
public struct CdrDimension: Codable, Sendable, Equatable {
    public var type: CdrDimensionType
    public var volume: Decimal

    public init(_ type: CdrDimensionType, _ volume: Decimal) {
        self.type = type
        self.volume = volume
    }
}

/// OCPI 2.2.1 CdrDimensionType (FLAT from OCPI 2.1.1 is accepted and carries no price).
public enum CdrDimensionType: String, Codable, Sendable, CaseIterable {
    /// Average current, A (sum over the phases).
    case current = "CURRENT"
    /// Energy charged, kWh.
    case energy = "ENERGY"
    case energyExport = "ENERGY_EXPORT"
    case energyImport = "ENERGY_IMPORT"
    case flat = "FLAT"
    case maxCurrent = "MAX_CURRENT"
    case minCurrent = "MIN_CURRENT"
    /// kW.
    case maxPower = "MAX_POWER"
    case minPower = "MIN_POWER"
    /// Time connected but not charging, hours.
    case parkingTime = "PARKING_TIME"
    /// Average power, kW.
    case power = "POWER"
    /// Time the EVSE was reserved before the session started, hours.
    case reservationTime = "RESERVATION_TIME"
    case stateOfCharge = "STATE_OF_CHARGE"
    /// Time charging, hours.
    case time = "TIME"
}

/// A session to price: its charging periods in order, and the location's time zone for the restrictions.
public struct ChargingSession: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var periods: [ChargingPeriod]
    /// The location's IANA time zone.
    public var timeZone: TimeZone

    public init(start: Date, end: Date, periods: [ChargingPeriod], timeZone: TimeZone) {
        self.start = start
        self.end = end
        self.periods = periods
        self.timeZone = timeZone
    }
}
