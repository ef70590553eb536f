public import Foundation

/// The OCPI objects by name, for code that holds a document and knows only what it is: a push queue's row, a
/// validator, a fuzzer. The names are the spec's object names.
public enum OCPIObjectKind: String, CaseIterable, Sendable {
    case version = "Version"
    case versionDetail = "VersionDetails"
    case endpoint = "Endpoint"
    case credentials = "Credentials"
    case location = "Location"
    case evse = "Evse"
    case connector = "Connector"
    case hours = "Hours"
    case tariff = "Tariff"
    case session = "Session"
    case chargingPeriod = "ChargingPeriod"
    case cdr = "Cdr"
    case cdrToken = "CdrToken"
    case cdrLocation = "CdrLocation"
    case token = "Token"
    case authorizationInfo = "AuthorizationInfo"
    case locationReferences = "LocationReferences"
    case startSession = "StartSession"
    case stopSession = "StopSession"
    case reserveNow = "ReserveNow"
    case cancelReservation = "CancelReservation"
    case unlockConnector = "UnlockConnector"
    case commandResponse = "CommandResponse"
    case commandResult = "CommandResult"
    case bookingLocation = "BookingLocation"
    case calendar = "Calendar"
    case timeslot = "Timeslot"
    case booking = "Booking"
    case bookingRequest = "BookingRequest"
    case bookingTerms = "BookingTerms"

    /// Reads `data` strictly as this object and writes it back as OCPI JSON.
    public func normalized(_ data: Data) throws(OCPIDecodingError) -> Data {
        switch self {
        case .version: try Self.roundTrip(Version.self, data)
        case .versionDetail: try Self.roundTrip(VersionDetail.self, data)
        case .endpoint: try Self.roundTrip(Endpoint.self, data)
        case .credentials: try Self.roundTrip(Credentials.self, data)
        case .location: try Self.roundTrip(Location.self, data)
        case .evse: try Self.roundTrip(EVSE.self, data)
        case .connector: try Self.roundTrip(Connector.self, data)
        case .hours: try Self.roundTrip(Hours.self, data)
        case .tariff: try Self.roundTrip(Tariff.self, data)
        case .session: try Self.roundTrip(Session.self, data)
        case .chargingPeriod: try Self.roundTrip(ChargingPeriod.self, data)
        case .cdr: try Self.roundTrip(CDR.self, data)
        case .cdrToken: try Self.roundTrip(CdrToken.self, data)
        case .cdrLocation: try Self.roundTrip(CdrLocation.self, data)
        case .token: try Self.roundTrip(Token.self, data)
        case .authorizationInfo: try Self.roundTrip(AuthorizationInfo.self, data)
        case .locationReferences: try Self.roundTrip(LocationReferences.self, data)
        case .startSession: try Self.roundTrip(StartSession.self, data)
        case .stopSession: try Self.roundTrip(StopSession.self, data)
        case .reserveNow: try Self.roundTrip(ReserveNow.self, data)
        case .cancelReservation: try Self.roundTrip(CancelReservation.self, data)
        case .unlockConnector: try Self.roundTrip(UnlockConnector.self, data)
        case .commandResponse: try Self.roundTrip(CommandResponse.self, data)
        case .commandResult: try Self.roundTrip(CommandResult.self, data)
        case .bookingLocation: try Self.roundTrip(BookingLocation.self, data)
        case .calendar: try Self.roundTrip(BookingCalendar.self, data)
        case .timeslot: try Self.roundTrip(Timeslot.self, data)
        case .booking: try Self.roundTrip(Booking.self, data)
        case .bookingRequest: try Self.roundTrip(BookingRequest.self, data)
        case .bookingTerms: try Self.roundTrip(BookingTerms.self, data)
        }
    }

    private static func roundTrip<Value: Codable & OCPIValidatable>(_ type: Value.Type, _ data: Data) throws(OCPIDecodingError) -> Data {
        let value = try OCPICoding.decode(type, from: data)
        do {
            return try OCPICoding.encode(value)
        } catch {
            throw OCPIDecodingError(field: "", message: "was read but cannot be written back: \(error)")
        }
    }
}
