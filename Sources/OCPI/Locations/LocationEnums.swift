/// Where a location's parking is (OCPI ParkingType).
public enum ParkingType: String, Codable, Sendable, CaseIterable {
    case alongMotorway = "ALONG_MOTORWAY"
    case parkingGarage = "PARKING_GARAGE"
    case parkingLot = "PARKING_LOT"
    case onDriveway = "ON_DRIVEWAY"
    case onStreet = "ON_STREET"
    case undergroundGarage = "UNDERGROUND_GARAGE"
}

/// What is near a location (OCPI Facility).
public enum Facility: String, Codable, Sendable, CaseIterable {
    case hotel = "HOTEL"
    case restaurant = "RESTAURANT"
    case cafe = "CAFE"
    case mall = "MALL"
    case supermarket = "SUPERMARKET"
    case sport = "SPORT"
    case recreationArea = "RECREATION_AREA"
    case nature = "NATURE"
    case museum = "MUSEUM"
    case bikeSharing = "BIKE_SHARING"
    case busStop = "BUS_STOP"
    case taxiStand = "TAXI_STAND"
    case tramStop = "TRAM_STOP"
    case metroStation = "METRO_STATION"
    case trainStation = "TRAIN_STATION"
    case airport = "AIRPORT"
    case parkingLot = "PARKING_LOT"
    case carpoolParking = "CARPOOL_PARKING"
    case fuelStation = "FUEL_STATION"
    case wifi = "WIFI"
}
