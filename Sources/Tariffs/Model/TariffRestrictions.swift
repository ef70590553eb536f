public import Foundation

/// When a tariff element applies; every restriction given must hold (OCPI TariffRestrictions).
public struct TariffRestrictions: Codable, Sendable, Equatable {
    /// Local time of day from which the element applies (inclusive).
    public var startTime: TimeOfDay?
    /// Local time of day until which the element applies (exclusive); before `startTime` it wraps past midnight.
    public var endTime: TimeOfDay?
    /// Local date from which the element applies (inclusive).
    public var startDate: LocalDate?
    /// Local date until which the element applies (exclusive).
    public var endDate: LocalDate?
    /// Energy charged so far in the session, kWh (inclusive).
    public var minKWh: Decimal?
    /// Energy charged so far in the session, kWh (exclusive).
    public var maxKWh: Decimal?
    /// Sum of the phases' current, A (inclusive).
    public var minCurrent: Decimal?
    /// Sum of the phases' current, A (exclusive).
    public var maxCurrent: Decimal?
    /// Charging power, kW (inclusive).
    public var minPower: Decimal?
    /// Charging power, kW (exclusive).
    public var maxPower: Decimal?
    /// Session duration so far, seconds (inclusive).
    public var minDuration: Int?
    /// Session duration so far, seconds (exclusive).
    public var maxDuration: Int?
    public var dayOfWeek: [DayOfWeek]?
    /// Present: the element prices a reservation rather than charging.
    public var reservation: ReservationRestrictionType?

    public init(
        startTime: TimeOfDay? = nil, endTime: TimeOfDay? = nil, startDate: LocalDate? = nil, endDate: LocalDate? = nil,
        minKWh: Decimal? = nil, maxKWh: Decimal? = nil, minCurrent: Decimal? = nil, maxCurrent: Decimal? = nil,
        minPower: Decimal? = nil, maxPower: Decimal? = nil, minDuration: Int? = nil, maxDuration: Int? = nil,
        dayOfWeek: [DayOfWeek]? = nil, reservation: ReservationRestrictionType? = nil
    ) {
        self.startTime = startTime
        self.endTime = endTime
        self.startDate = startDate
        self.endDate = endDate
        self.minKWh = minKWh
        self.maxKWh = maxKWh
        self.minCurrent = minCurrent
        self.maxCurrent = maxCurrent
        self.minPower = minPower
        self.maxPower = maxPower
        self.minDuration = minDuration
        self.maxDuration = maxDuration
        self.dayOfWeek = dayOfWeek
        self.reservation = reservation
    }

    enum CodingKeys: String, CodingKey {
        case startTime = "start_time", endTime = "end_time", startDate = "start_date", endDate = "end_date"
        case minKWh = "min_kwh", maxKWh = "max_kwh", minCurrent = "min_current", maxCurrent = "max_current"
        case minPower = "min_power", maxPower = "max_power", minDuration = "min_duration", maxDuration = "max_duration"
        case dayOfWeek = "day_of_week", reservation
    }
}

/// OCPI DayOfWeek.
public enum DayOfWeek: String, Codable, Sendable, CaseIterable {
    case monday = "MONDAY", tuesday = "TUESDAY", wednesday = "WEDNESDAY", thursday = "THURSDAY"
    case friday = "FRIDAY", saturday = "SATURDAY", sunday = "SUNDAY"

    /// From Foundation's Gregorian weekday (1 = Sunday ... 7 = Saturday).
    public init?(gregorianWeekday: Int) {
        switch gregorianWeekday {
        case 1: self = .sunday
        case 2: self = .monday
        case 3: self = .tuesday
        case 4: self = .wednesday
        case 5: self = .thursday
        case 6: self = .friday
        case 7: self = .saturday
        default: return nil
        }
    }
}

/// Whether an element prices a reservation, or a reservation that expired unused.
public enum ReservationRestrictionType: String, Codable, Sendable, CaseIterable {
    case reservation = "RESERVATION"
    case reservationExpires = "RESERVATION_EXPIRES"
}
