import OCPP

/// What the gateway tells the rest of cpms as it happens: a station booted on its connection (the
/// scheduler sends what it still owes it), a transaction event was stored (the calendar sees a booking used).
protocol StationActivityObserver: Sendable {
    func stationBooted(_ station: String) async
    func transactionEventStored(_ event: OCPP201.TransactionEventRequest, station: String) async
}

/// Observes nothing.
struct IgnoredStationActivity: StationActivityObserver {
    func stationBooted(_ station: String) async {}
    func transactionEventStored(_ event: OCPP201.TransactionEventRequest, station: String) async {}
}

/// Tells several observers, in order.
struct StationActivityObservers: StationActivityObserver {
    let observers: [any StationActivityObserver]

    func stationBooted(_ station: String) async {
        for observer in observers { await observer.stationBooted(station) }
    }

    func transactionEventStored(_ event: OCPP201.TransactionEventRequest, station: String) async {
        for observer in observers { await observer.transactionEventStored(event, station: station) }
    }
}
