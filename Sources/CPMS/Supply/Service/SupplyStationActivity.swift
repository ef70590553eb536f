import OCPP

/// A station's boot sends it the supply it missed while away.
struct SupplyStationActivity: StationActivityObserver {
    let service: SupplyService

    func stationBooted(_ station: String) async {
        service.stationBooted(station)
    }

    func transactionEventStored(_ event: OCPP201.TransactionEventRequest, station: String) async {}
}
