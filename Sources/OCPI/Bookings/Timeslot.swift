public import Foundation
public import Tariffs

/// A period that is free, or booked, with the power available in it, W (Bookings add-on Timeslot).
public struct Timeslot: Codable, Sendable, Equatable {
    public var startFrom: OCPIDateTime
    public var endBefore: OCPIDateTime
    public var minPower: Decimal?
    public var maxPower: Decimal?
    public var greenEnergySupport: Bool?

    public init(
        startFrom: OCPIDateTime, endBefore: OCPIDateTime, minPower: Decimal? = nil, maxPower: Decimal? = nil,
        greenEnergySupport: Bool? = nil
    ) {
        self.startFrom = startFrom
        self.endBefore = endBefore
        self.minPower = minPower
        self.maxPower = maxPower
        self.greenEnergySupport = greenEnergySupport
    }

    enum CodingKeys: String, CodingKey {
        case startFrom = "start_from", endBefore = "end_before", minPower = "min_power", maxPower = "max_power"
        case greenEnergySupport = "green_energy_support"
    }
}

extension Timeslot: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonNegative(minPower, "min_power")
        try path.nonNegative(maxPower, "max_power")
        try path.check(startFrom < endBefore, "end_before", "must be after start_from")
        if let minPower, let maxPower { try path.check(minPower <= maxPower, "max_power", "is below min_power") }
    }
}
