public import Foundation
public import Hummingbird

/// The query parameters cpms's OCPI modules read from an eMSP's GET, read from a request as the modules read
/// them: for fuzzing (`StationFuzzing`).
@_spi(Fuzzing)
public enum OCPIQueryReading {
    /// `offset`, `limit`, `date_from`, `date_to` of a list; a refusal is HTTP 200 with status 2001 naming the parameter.
    public static func pagination(_ request: Request, maximumLimit: Int) throws(OCPIError) -> OCPIPagination {
        try OCPIPagedReply.pagination(request, maximumLimit: maximumLimit)
    }

    /// The Bookings module's calendar window from `timeslot_from` and `timeslot_to`, as whole seconds.
    public static func bookingWindow(_ request: Request, now: Date, horizon: TimeInterval) throws(OCPIError) -> (start: Date, end: Date) {
        let window = try BookingsModule.window(request, now: now, horizon: horizon)
        return (window.start, window.end)
    }
}
