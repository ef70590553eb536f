public import Foundation

/// One time window of the energy price, as cpms sends it.
public struct PriceSlot: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date
    /// Price of imported energy, currency per kWh.
    public var importPrice: Double
    /// Price paid for exported energy, currency per kWh, when the contract has one.
    public var exportPrice: Double?
    /// Share of renewable sources in this window, 0...1, when the DSO reports it.
    public var renewableShare: Double?

    public init(start: Date, end: Date, importPrice: Double, exportPrice: Double? = nil, renewableShare: Double? = nil) {
        self.start = start
        self.end = end
        self.importPrice = importPrice
        self.exportPrice = exportPrice
        self.renewableShare = renewableShare
    }
}

/// The price schedule for the coming hours, slots sorted by start.
///
/// The battery plan is cached against the whole schedule (it is `Hashable`), so a changed slot replans even
/// when the sender forgot to bump `version`.
public struct PriceSchedule: Sendable, Hashable, Codable {
    /// The sender's revision of the schedule, for logs and acknowledgements.
    public var version: Int
    public var slots: [PriceSlot]

    public init(version: Int = 0, slots: [PriceSlot]) {
        self.version = version
        self.slots = slots
    }

    /// A schedule without prices: the battery only shaves peaks.
    public static let empty = PriceSchedule(slots: [])
}
