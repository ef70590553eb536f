public import Modbus
public import StationConfig

/// A profile point at its absolute address on one device, ready to read, decode and write.
public struct ResolvedPoint: Sendable, Hashable {
    public let name: String
    public let table: ModbusTable
    public let address: UInt16
    public let type: ModbusValueType
    public let wordOrder: WordOrder
    public let scaling: PointScaling
    public let access: PointAccess

    public init(
        name: String, table: ModbusTable, address: UInt16, type: ModbusValueType, wordOrder: WordOrder,
        scaling: PointScaling, access: PointAccess
    ) {
        self.name = name
        self.table = table
        self.address = address
        self.type = type
        self.wordOrder = wordOrder
        self.scaling = scaling
        self.access = access
    }

    public var registerCount: Int { type.registerCount }
    /// The address one past the point's last register.
    public var end: Int { Int(address) + registerCount }
}

/// Turns a profile's points into absolute addresses, using the device's SunSpec model map where needed.
public enum PointResolver {
    /// Resolves every point; SunSpec points need `sunSpec`, the models the device announced.
    public static func resolve(_ profile: DeviceProfile, sunSpec: SunSpecModelMap?) throws(DeviceError) -> [String: ResolvedPoint] {
        var resolved: [String: ResolvedPoint] = [:]
        for (name, point) in profile.points {
            let address: Int
            switch point.location {
            case .address(let absolute):
                address = absolute
            case .sunSpec(let modelID, let offset):
                guard let sunSpec else {
                    throw DeviceError(.configuration, "point \(name) needs SunSpec discovery")
                }
                guard let model = sunSpec.model(UInt16(clamping: modelID)) else {
                    throw DeviceError(.modelMissing, "the device announces no SunSpec model \(modelID) (needed by \(name))")
                }
                guard offset + point.registerCount <= Int(model.length) else {
                    throw DeviceError(.modelMissing, "SunSpec model \(modelID) is \(model.length) registers, too short for \(name) at offset \(offset)")
                }
                address = Int(model.dataAddress) + offset
            }
            guard (0...65535).contains(address), address + point.registerCount <= 65536 else {
                throw DeviceError(.configuration, "point \(name) lies outside the register space")
            }
            resolved[name] = ResolvedPoint(
                name: name, table: point.table, address: UInt16(address), type: point.type,
                wordOrder: point.wordOrder, scaling: point.scaling, access: point.access)
        }
        return resolved
    }

    /// The model map a profile's own layout describes: "SunS" at its first base address, models back to back.
    ///
    /// Simulators serve exactly this; real devices are discovered instead.
    public static func declaredSunSpecMap(_ layout: SunSpecLayout) -> SunSpecModelMap {
        let base = UInt16(clamping: layout.baseAddresses.first ?? 40000)
        var address = Int(base) + 2
        var models: [SunSpecModelMap.Model] = []
        for model in layout.models {
            models.append(.init(id: UInt16(clamping: model.id), dataAddress: UInt16(clamping: address + 2), length: UInt16(clamping: model.length)))
            address += 2 + model.length
        }
        return SunSpecModelMap(baseAddress: base, models: models)
    }
}
