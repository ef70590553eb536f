public import Foundation

/// What the planner is given: the windows to plan, the groups, the suppliers' offers and the policy.
public struct PlanningInput: Sendable, Equatable {
    public var windows: [SupplyWindow]
    public var groups: [StationGroup]
    public var suppliers: [SupplierOffer]
    public var policy: SupplyPolicy
    /// The currency the plan is made in; a supplier in another currency is not chosen (the reason says so).
    public var currency: String
    /// The price assumed for a group no supplier's contract covers (the station's own tariff is unknown here).
    public var unsuppliedPricePerKWh: Decimal

    public init(
        windows: [SupplyWindow], groups: [StationGroup], suppliers: [SupplierOffer], policy: SupplyPolicy, currency: String,
        unsuppliedPricePerKWh: Decimal
    ) {
        self.windows = windows
        self.groups = groups
        self.suppliers = suppliers
        self.policy = policy
        self.currency = currency
        self.unsuppliedPricePerKWh = unsuppliedPricePerKWh
    }
}

/// The supplier chosen for one group in one window, and why.
public struct SupplyChoice: Sendable, Hashable, Codable {
    public var group: String
    public var window: SupplyWindow
    /// The chosen supplier; nil only when no supplier's contract covers the group (then the price is the
    /// input's `unsuppliedPricePerKWh` and the cap is the group's connection limit).
    public var supplier: String?
    public var pricePerKWh: Decimal
    public var exportPricePerKWh: Decimal?
    public var renewableShare: Double?
    public var carbonGramsPerKWh: Double?
    /// The import the group may draw in this window, W: the capacity allotted to it, at most its connection limit.
    public var capW: Double
    public var quality: OfferQuality
    /// Why this supplier, in words an admin reads (policy, ranking, capacity, fallback).
    public var reasons: [String]

    public init(
        group: String, window: SupplyWindow, supplier: String?, pricePerKWh: Decimal, exportPricePerKWh: Decimal? = nil,
        renewableShare: Double? = nil, carbonGramsPerKWh: Double? = nil, capW: Double, quality: OfferQuality, reasons: [String]
    ) {
        self.group = group
        self.window = window
        self.supplier = supplier
        self.pricePerKWh = pricePerKWh
        self.exportPricePerKWh = exportPricePerKWh
        self.renewableShare = renewableShare
        self.carbonGramsPerKWh = carbonGramsPerKWh
        self.capW = capW
        self.quality = quality
        self.reasons = reasons
    }
}

/// One station's share of the plan: the price schedule stationd plans its battery with, and its grid cap.
public struct StationSupply: Sendable, Hashable, Codable {
    public struct Slot: Sendable, Hashable, Codable {
        public var window: SupplyWindow
        public var pricePerKWh: Decimal
        public var exportPricePerKWh: Decimal?
        public var renewableShare: Double?
        public var capW: Double

        public init(window: SupplyWindow, pricePerKWh: Decimal, exportPricePerKWh: Decimal?, renewableShare: Double?, capW: Double) {
            self.window = window
            self.pricePerKWh = pricePerKWh
            self.exportPricePerKWh = exportPricePerKWh
            self.renewableShare = renewableShare
            self.capW = capW
        }
    }

    public var station: String
    public var group: String
    public var currency: String
    /// One slot per planned window, in time order.
    public var slots: [Slot]

    public init(station: String, group: String, currency: String, slots: [Slot]) {
        self.station = station
        self.group = group
        self.currency = currency
        self.slots = slots
    }
}

/// A group that gets less than its connection limit in a window because no supplier has the room: what a
/// supply request to the DSO asks for.
public struct SupplyShortfall: Sendable, Hashable, Codable {
    public var group: String
    public var window: SupplyWindow
    /// The supplier chosen for the window (the one to ask for more), nil when no contract covers the group.
    public var supplier: String?
    /// What the group's connection could take, W.
    public var neededW: Double
    /// What it was allotted, W.
    public var allottedW: Double

    public init(group: String, window: SupplyWindow, supplier: String?, neededW: Double, allottedW: Double) {
        self.group = group
        self.window = window
        self.supplier = supplier
        self.neededW = neededW
        self.allottedW = allottedW
    }
}

/// The plan: a choice for every group and window, what each station is sent, and where capacity is short.
public struct SupplyPlan: Sendable, Hashable {
    public var currency: String
    /// One per group and window, ordered by window, then group id.
    public var choices: [SupplyChoice]
    /// One per station of a group, ordered by station id.
    public var stations: [StationSupply]
    public var shortfalls: [SupplyShortfall]

    public init(currency: String, choices: [SupplyChoice], stations: [StationSupply], shortfalls: [SupplyShortfall]) {
        self.currency = currency
        self.choices = choices
        self.stations = stations
        self.shortfalls = shortfalls
    }
}
