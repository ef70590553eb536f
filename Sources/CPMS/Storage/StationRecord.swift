/// A registered station as stored, with what its last boot said.
public struct StationRecord: Sendable, Hashable, Codable {
    public var id: String
    public var createdAt: String
    public var lastSeen: String?
    public var connected: Bool
    public var vendorName: String?
    public var model: String?
    public var serialNumber: String?
    public var firmwareVersion: String?
    public var bootReason: String?
    public var bootedAt: String?
    /// Replayed messages the station sent that were already stored.
    public var duplicatesIgnored: Int
    /// The IANA time zone of the station's location (default UTC).
    public var timeZone: String = "UTC"
}

/// What a station said about itself in BootNotification.
public struct StationBoot: Sendable, Hashable {
    public var vendorName: String
    public var model: String
    public var serialNumber: String?
    public var firmwareVersion: String?
    public var reason: String
    public var at: String
}
