import SupplyPlanning

/// The station groups the planner is given: the defined groups, and each registered station that is in none
/// as a group of its own, named after the station, with the default connection limit.
enum PlanningGroups {
    static func make(defined: [SupplyGroupDefinition], stations: [String], defaultConnectionLimitW: Double) -> [StationGroup] {
        var groups = defined.map { definition in
            StationGroup(
                id: definition.id, members: definition.members.map { .init(station: $0.station, connectionLimitW: $0.connectionLimitW) },
                connectionLimitW: definition.connectionLimitW)
        }
        let grouped = Set(defined.flatMap { $0.members.map(\.station) })
        let taken = Set(defined.map(\.id))
        for station in stations where !grouped.contains(station) && !taken.contains(station) {
            groups.append(StationGroup(id: station, members: [.init(station: station, connectionLimitW: defaultConnectionLimitW)]))
        }
        return groups.sorted { $0.id < $1.id }
    }
}
