/// The module an endpoint serves (OCPI ModuleID).
///
/// Open, as OCPI allows custom modules: an unknown identifier is kept, not refused.
public struct ModuleID: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let cdrs = ModuleID(rawValue: "cdrs")
    public static let chargingProfiles = ModuleID(rawValue: "chargingprofiles")
    public static let commands = ModuleID(rawValue: "commands")
    public static let credentials = ModuleID(rawValue: "credentials")
    public static let hubClientInfo = ModuleID(rawValue: "hubclientinfo")
    public static let locations = ModuleID(rawValue: "locations")
    public static let sessions = ModuleID(rawValue: "sessions")
    public static let tariffs = ModuleID(rawValue: "tariffs")
    public static let tokens = ModuleID(rawValue: "tokens")
    /// The Bookings add-on of OCPI 2.3.0 ("2.3.0-booking-1.0"), whose text names its identifier "Booking".
    public static let bookings = ModuleID(rawValue: "Booking")

    public var description: String { rawValue }
}

extension ModuleID: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        if rawValue.isEmpty {
            throw OCPIDecodingError(field: path.text, message: "must not be empty")
        }
        if let problem = TextRule.ciString(max: 255).violation(of: rawValue) {
            throw OCPIDecodingError(field: path.text, message: problem)
        }
    }
}
