extension SimulatedOCPPCharger {
    /// A charging profile (or its removal) for one connector, or with connector 0 for the whole charger.
    func setLimit(connector: Int, rate: ChargingRate?) {
        accrueAll(to: clock.uptime)
        if connector == 0 {
            chargerLimit = rate
        } else if let index = index(of: connector) {
            connectors[index].limit = rate
        }
        let phases = index(of: connector).map { connectors[$0].phases } ?? configuration.connectors.first?.phases ?? 3
        let voltage = configuration.script.voltage
        emit(.limitSet(connector: connector, current: rate.map { SimulatedConnector.amperes($0, phases: phases, voltage: voltage) }))
    }

    /// ChangeAvailability: the connector (or with 0 every connector) goes in or out of service at its next step.
    func setOperative(connector: Int, _ operative: Bool) {
        accrueAll(to: clock.uptime)
        for index in connectors.indices where connector == 0 || connectors[index].id == connector {
            connectors[index].operative = operative
        }
        emit(.availabilitySet(connector: connector, operative: operative))
    }
}
