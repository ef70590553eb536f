/// Where a booking is in its life (Bookings add-on ReservationStatus).
public enum ReservationStatus: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case reserved = "RESERVED"
    case canceled = "CANCELED"
    case failed = "FAILED"
    case noShow = "NO_SHOW"
    case fulfilled = "FULFILLED"
    case rejected = "REJECTED"
    case unknown = "UNKNOWN"
}

/// What became of one booking request (Bookings add-on ReservationRequestStatus).
public enum ReservationRequestStatus: String, Codable, Sendable, CaseIterable {
    case pending = "PENDING"
    case accepted = "ACCEPTED"
    case declined = "DECLINED"
    case failed = "FAILED"
}

/// Why a booking was canceled (Bookings add-on CanceledReason).
public enum CanceledReason: String, Codable, Sendable, CaseIterable {
    case powerOutage = "POWER_OUTAGE"
    case brokenCharger = "BROKEN_CHARGER"
    case full = "FULL"
    case blocked = "BLOCKED"
    case traffic = "TRAFFIC"
    case brokenVehicle = "BROKEN_VEHICLE"
    case noCanceled = "NO_CANCELED"
    case unknown = "UNKNOWN"
}

/// How a driver gets access to a booked charger (Bookings add-on LocationAccess).
public enum LocationAccess: String, Codable, Sendable, CaseIterable {
    case open = "OPEN"
    case token = "TOKEN"
    case licensePlate = "LICENSE_PLATE"
    case accessCode = "ACCESS_CODE"
    case intercom = "INTERCOM"
    case parkingTicket = "PARKING_TICKET"
}

/// A kind of vehicle a parking space fits (OCPI 2.3.0 VehicleType).
public enum VehicleType: String, Codable, Sendable, CaseIterable {
    case motorcycle = "MOTORCYCLE"
    case personalVehicle = "PERSONAL_VEHICLE"
    case personalVehicleWithTrailer = "PERSONAL_VEHICLE_WITH_TRAILER"
    case van = "VAN"
    case semiTractor = "SEMI_TRACTOR"
    case rigid = "RIGID"
    case truckWithTrailer = "TRUCK_WITH_TRAILER"
    case bus = "BUS"
    case disabled = "DISABLED"
}

/// Where the EVSE is relative to the parking space (OCPI 2.3.0 EVSEPosition).
public enum EVSEPosition: String, Codable, Sendable, CaseIterable {
    case left = "LEFT"
    case right = "RIGHT"
    case center = "CENTER"
}
