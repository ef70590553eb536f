import Foundation
import Logging
import OCPP
import Scheduling

/// Connects the gateway's news to the calendar: a station's boot sends it what the scheduler still owes it,
/// and a transaction of a booked token on its EVSE within the booking marks the booking used (so it is not
/// released as a no-show).
struct CalendarStationActivity: StationActivityObserver {
    let scheduler: CalendarScheduler
    let calendar: CalendarService
    let logger: Logger

    func stationBooted(_ station: String) async {
        scheduler.stationBooted(StationID(station))
    }

    func transactionEventStored(_ event: OCPP201.TransactionEventRequest, station: String) async {
        guard event.eventType != .ended, let token = event.idToken?.idToken, let evse = event.evse?.id else { return }
        do {
            if let booking = try await calendar.recordUse(station: station, evse: evse, tokenUID: token, at: event.timestamp) {
                logger.info("booking \(booking) used: \(token) charges on \(station) EVSE \(evse)")
            }
        } catch {
            logger.warning("cannot record the use of \(token)'s booking on \(station) EVSE \(evse): \(error)")
        }
    }
}
