import Foundation

/// Each station's price schedule and grid cap, from its group's choices: the group's cap is shared out in
/// proportion to the members' connection limits, each at most its own limit, in whole watts rounded down
/// so the members never add up to more than the group's cap.
public enum StationSchedules {
    /// - Parameter choices: per group (indexed as `groups`), its choice in every window, in time order.
    static func stations(groups: [StationGroup], choices: [[SupplyChoice]], currency: String) -> [StationSupply] {
        var stations: [StationSupply] = []
        for (index, group) in groups.enumerated() {
            let limits = group.members.map { usable($0.connectionLimitW) }
            let total = limits.reduce(0, +)
            for (member, limit) in zip(group.members, limits) {
                let slots = choices[index].map { choice in
                    StationSupply.Slot(
                        window: choice.window, pricePerKWh: choice.pricePerKWh, exportPricePerKWh: choice.exportPricePerKWh,
                        renewableShare: choice.renewableShare, capW: share(of: choice.capW, limitW: limit, totalW: total))
                }
                stations.append(StationSupply(station: member.station, group: group.id, currency: currency, slots: slots))
            }
        }
        return stations.enumerated().sorted {
            ($0.element.station, $0.element.group, $0.offset) < ($1.element.station, $1.element.group, $1.offset)
        }.map(\.element)
    }

    /// A member's part of the group's cap, W.
    public static func share(of groupCapW: Double, limitW: Double, totalW: Double) -> Double {
        guard totalW > 0, limitW > 0, groupCapW > 0 else { return 0 }
        let proportional = groupCapW.isFinite ? (groupCapW * (limitW / totalW)).rounded(.down) : limitW
        return min(limitW, max(0, proportional))
    }

    private static func usable(_ watts: Double) -> Double { watts.isNaN ? 0 : max(0, watts) }
}
