public import Devices
public import Modbus
public import StationConfig

/// A device's registers as its profile lays them out, served from a register bank.
///
/// SunSpec profiles get their marker and model chain exactly as the profile declares it.
public final class DeviceImage: Sendable {
    public let profile: DeviceProfile
    public let bank: RegisterBank
    public let points: [String: ResolvedPoint]

    public init(profile: DeviceProfile) throws {
        self.profile = profile
        bank = try RegisterBank()
        var map: SunSpecModelMap?
        if let layout = profile.sunSpec {
            let declared = PointResolver.declaredSunSpecMap(layout)
            bank.set(.holdingRegister, declared.baseAddress, SunSpecDiscovery.marker)
            var end = Int(declared.baseAddress) + 2
            for model in declared.models {
                bank.set(.holdingRegister, model.dataAddress - 2, [model.id, model.length])
                end = Int(model.dataAddress) + Int(model.length)
            }
            bank.set(.holdingRegister, UInt16(clamping: end), [SunSpecDiscovery.endModelID, 0])
            map = declared
        }
        points = try PointResolver.resolve(profile, sunSpec: map)
    }

    /// Stores an engineering value, scaled as the profile says (scale factors as currently stored).
    public func set(_ name: String, _ value: Double) {
        guard let point = points[name] else { return }
        var exponent: Int?
        if case .scaleFactor(let factor) = point.scaling { exponent = Int(raw(factor) ?? 0) }
        let rawValue = point.scaling.raw(fromValue: value, exponent: exponent)
        let clamped = Self.clampToType(rawValue, point.type)
        guard let words = try? RegisterCodec.encode(number: clamped, as: point.type, wordOrder: point.wordOrder) else { return }
        bank.set(point.table, point.address, words)
    }

    /// Stores text in a string point.
    public func setText(_ name: String, _ text: String) {
        guard let point = points[name], case .string(let registers) = point.type else { return }
        let fitted = String(text.utf8.prefix(registers * 2).map { Character(UnicodeScalar($0)) })
        guard let words = try? RegisterCodec.encode(.string(fitted), as: point.type) else { return }
        bank.set(point.table, point.address, words)
    }

    /// Stores raw register words at a point, unscaled (for nonsense faults).
    public func setRaw(_ name: String, _ words: [UInt16]) {
        guard let point = points[name] else { return }
        bank.set(point.table, point.address, Array(words.prefix(point.registerCount)))
    }

    /// The engineering value of a point.
    public func value(_ name: String) -> Double? {
        guard let point = points[name], let number = raw(name) else { return nil }
        var exponent: Int?
        if case .scaleFactor(let factor) = point.scaling { exponent = Int(raw(factor) ?? 0) }
        return point.scaling.value(fromRaw: number, exponent: exponent)
    }

    /// The unscaled number stored at a point.
    public func raw(_ name: String) -> Double? {
        guard let point = points[name] else { return nil }
        let words = bank.get(point.table, point.address, count: point.registerCount)
        return (try? RegisterCodec.decode(words, as: point.type, wordOrder: point.wordOrder))?.number
    }

    /// Whether a master's write touched this point.
    public func covers(_ name: String, table: ModbusTable, address: UInt16, count: Int) -> Bool {
        guard let point = points[name], point.table == table else { return false }
        return Int(address) < point.end && Int(address) + count > Int(point.address)
    }

    private static func clampToType(_ value: Double, _ type: ModbusValueType) -> Double {
        switch type {
        case .u16: return min(max(value.rounded(), 0), Double(UInt16.max))
        case .i16: return min(max(value.rounded(), Double(Int16.min)), Double(Int16.max))
        case .u32: return min(max(value.rounded(), 0), Double(UInt32.max))
        case .i32: return min(max(value.rounded(), Double(Int32.min)), Double(Int32.max))
        default: return value
        }
    }
}
