/// Stations behind one grid connection (or one contract's delivery point): a DSO supplies a group as a whole,
/// and an OSCP capacity forecast names the group.
public struct StationGroup: Sendable, Hashable, Codable, Identifiable {
    public struct Member: Sendable, Hashable, Codable {
        public var station: String
        /// The station's own connection limit, W: the group's cap is shared out in proportion to it.
        public var connectionLimitW: Double

        public init(station: String, connectionLimitW: Double) {
            self.station = station
            self.connectionLimitW = connectionLimitW
        }
    }

    public var id: String
    public var members: [Member]
    /// What the group's grid connection can take, W (the sum of its members' limits when not given).
    public var connectionLimitW: Double

    public init(id: String, members: [Member], connectionLimitW: Double? = nil) {
        self.id = id
        self.members = members
        self.connectionLimitW = connectionLimitW ?? members.reduce(0) { $0 + $1.connectionLimitW }
    }
}

extension StationGroup {
    /// A member's part of a cap of the whole group, W, as the planner shares it out (nil: not a member).
    public func capW(of station: String, groupCapW: Double) -> Double? {
        guard let member = members.first(where: { $0.station == station }) else { return nil }
        let usable = { (watts: Double) in watts.isNaN ? 0 : max(0, watts) }
        let total = members.reduce(0) { $0 + usable($1.connectionLimitW) }
        return StationSchedules.share(of: groupCapW, limitW: usable(member.connectionLimitW), totalW: total)
    }
}
