public import Modbus

/// A device's register map as data: a named set of points, loaded from `firmware-config/devices/<name>.yaml`.
public struct DeviceProfile: Sendable, Equatable {
    /// The file stem, which station files use to refer to the profile.
    public var name: String
    public var kind: DeviceKind
    public var manufacturer: String
    public var model: String
    public var description: String?
    /// The public document the register map comes from.
    public var source: ProfileSource
    /// Word order for 32-bit points that do not name their own.
    public var wordOrder: WordOrder
    /// Present when points are addressed by SunSpec model and offset.
    public var sunSpec: SunSpecLayout?
    public var points: [String: PointDefinition]

    public init(
        name: String, kind: DeviceKind, manufacturer: String, model: String, description: String? = nil,
        source: ProfileSource, wordOrder: WordOrder = .highFirst, sunSpec: SunSpecLayout? = nil,
        points: [String: PointDefinition]
    ) {
        self.name = name
        self.kind = kind
        self.manufacturer = manufacturer
        self.model = model
        self.description = description
        self.source = source
        self.wordOrder = wordOrder
        self.sunSpec = sunSpec
        self.points = points
    }

    /// The point called `name`, if the profile defines it.
    public func point(_ name: String) -> PointDefinition? { points[name] }

    /// The point holding the scale factor of `point`, when it uses one.
    public func scaleFactorPoint(of point: PointDefinition) -> PointDefinition? {
        guard case .scaleFactor(let name) = point.scaling else { return nil }
        return points[name]
    }
}

/// The public document a register map was taken from.
public struct ProfileSource: Sendable, Equatable {
    public var title: String
    public var version: String
    /// ISO 8601 date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    public var date: String
    public var url: String?
    public var notes: String?

    public init(title: String, version: String, date: String, url: String? = nil, notes: String? = nil) {
        self.title = title
        self.version = version
        self.date = date
        self.url = url
        self.notes = notes
    }
}

/// How a SunSpec device lays out its models.
public struct SunSpecLayout: Sendable, Equatable {
    /// Addresses probed in order for the "SunS" marker.
    public var baseAddresses: [Int]
    /// The models the profile relies on, in the order the device (and the simulator) chains them.
    public var models: [SunSpecModel]

    public static let defaultBaseAddresses = [40000, 0, 50000]

    public init(baseAddresses: [Int] = SunSpecLayout.defaultBaseAddresses, models: [SunSpecModel]) {
        self.baseAddresses = baseAddresses
        self.models = models
    }

    /// The model with `id`, if listed.
    public func model(_ id: Int) -> SunSpecModel? { models.first { $0.id == id } }
}

/// One SunSpec model: its id and its length `L` (registers after the ID and L registers).
public struct SunSpecModel: Sendable, Hashable {
    public var id: Int
    public var length: Int

    public init(id: Int, length: Int) {
        self.id = id
        self.length = length
    }
}
