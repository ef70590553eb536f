public import Foundation
public import Scheduling
public import SQLKit

/// Told of every change the calendar stores: inside the change's transaction (what must commit with it, such as
/// the OCPI bookings and their pushes to eMSPs) and once it has committed.
public protocol CalendarChangeListener: Sendable {
    /// Runs in the transaction that stores `change`; throwing rolls the change back.
    func storing(_ change: CalendarChange, on connection: any SQLDatabase, at time: Date) async throws
    /// The change has committed.
    func stored(_ change: CalendarChange) async
}
