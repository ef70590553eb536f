/// What a successful request changed: the rows to store and the cancellations to tell eMSPs about.
public struct CalendarChange: Sendable, Hashable {
    /// New or changed entries, each with its new version.
    public var saved: [CalendarEntry]
    /// Bookings cancelled as a side effect (a forced maintenance block), with the reason for their eMSP.
    public var cancellations: [BookingCancellation]

    public init(saved: [CalendarEntry] = [], cancellations: [BookingCancellation] = []) {
        self.saved = saved
        self.cancellations = cancellations
    }
}

/// A booking cancelled by someone other than its eMSP; its eMSP must be told.
public struct BookingCancellation: Sendable, Hashable {
    public var booking: EntryID
    public var evse: EVSEID
    public var bookedBy: Actor
    public var token: DriverToken
    public var cancellation: Cancellation

    public init(booking: EntryID, evse: EVSEID, bookedBy: Actor, token: DriverToken, cancellation: Cancellation) {
        self.booking = booking
        self.evse = evse
        self.bookedBy = bookedBy
        self.token = token
        self.cancellation = cancellation
    }
}
