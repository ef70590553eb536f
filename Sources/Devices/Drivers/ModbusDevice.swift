public import Modbus
public import StationConfig
import StationCore
import Synchronization

/// The values of one poll: every readable point of a profile, scaled into engineering units.
public struct PointValues: Sendable, Hashable {
    public var numbers: [String: Double]
    public var texts: [String: String]

    public init(numbers: [String: Double] = [:], texts: [String: String] = [:]) {
        self.numbers = numbers
        self.texts = texts
    }

    public subscript(_ point: String) -> Double? { numbers[point] }
}

/// One Modbus device driven by its profile: reads all points block by block and writes setpoints.
public final class ModbusDevice: Sendable {
    /// What the station calls it ("socket 1", "battery", "grid meter").
    public let name: String
    public let profile: DeviceProfile
    public let bus: ModbusBus
    public let unit: UInt8
    private let layout = Mutex<Layout?>(nil)
    /// Why the device's last poll or write went unanswered, until a poll is answered again.
    private let silence = Mutex<DeviceError?>(nil)

    struct Layout {
        let points: [String: ResolvedPoint]
        let blocks: [RegisterBlock]
        /// The last scale factor read for each scale-factor point, for writes.
        var exponents: [String: Int] = [:]
    }

    public init(name: String, profile: DeviceProfile, bus: ModbusBus, unit: UInt8) {
        self.name = name
        self.profile = profile
        self.bus = bus
        self.unit = unit
    }

    /// The register blocks one poll reads, once the layout is known.
    public var blocks: [RegisterBlock]? { layout.withLock { $0?.blocks } }

    /// Reads every readable point; one transaction per register block.
    public func poll() async throws(DeviceError) -> PointValues {
        let current = try await resolvedLayout()
        var raw: [String: ModbusValue] = [:]
        for block in current.blocks {
            let answer: [UInt16]
            do {
                answer = try await bus.read(unit: unit, table: block.table, address: block.start, count: block.count)
            } catch {
                let failure = DeviceError(error, device: name)
                if error.code == .timeout { silence.withLock { $0 = failure } }
                throw failure
            }
            for point in block.points {
                let registers = block.registers(of: point, in: answer)
                guard let value = try? RegisterCodec.decode(registers, as: point.type, wordOrder: point.wordOrder) else { continue }
                if profile.sunSpec != nil, Self.isSunSpecNotImplemented(value) { continue }
                raw[point.name] = value
            }
        }
        silence.withLock { $0 = nil }
        return try scaled(raw, layout: current)
    }

    /// Whether the device's last poll or write went unanswered (it is written to again once it answers a poll).
    public var isSilent: Bool { silence.withLock { $0 != nil } }

    /// Writes an engineering value to a writable point, applying its scaling.
    ///
    /// A device whose last poll or write timed out is not written to: the write fails at once with that error
    /// (the poller's backoff finds out when it answers again), so a silent device costs the control cycle
    /// no response timeouts and holds no other device on its bus.
    public func write(_ pointName: String, _ value: Double) async throws(DeviceError) {
        if let silent = silence.withLock({ $0 }) { throw silent }
        let current = try await resolvedLayout()
        guard let point = current.points[pointName] else {
            throw DeviceError(.configuration, "\(name): profile \(profile.name) has no point \(pointName)")
        }
        guard point.access.canWrite, point.table.isWritable else {
            throw DeviceError(.notWritable, "\(name): point \(pointName) is not writable")
        }
        var exponent: Int?
        if case .scaleFactor(let factorPoint) = point.scaling {
            exponent = layout.withLock { $0?.exponents[factorPoint] }
            if exponent == nil { exponent = try await readExponent(factorPoint, in: current) }
        }
        let rawValue = point.scaling.raw(fromValue: value, exponent: exponent)
        do {
            let words = try RegisterCodec.encode(number: rawValue, as: point.type, wordOrder: point.wordOrder)
            try await bus.write(unit: unit, table: point.table, address: point.address, values: words)
        } catch {
            let failure = DeviceError(error, device: name)
            if error.code == .timeout { silence.withLock { $0 = failure } }
            throw failure
        }
    }

    /// Whether the profile has a point of this name.
    public func has(_ pointName: String) -> Bool { profile.points[pointName] != nil }

    /// Forgets the layout, so the next poll discovers SunSpec models again (after a device swap).
    public func rediscover() {
        layout.withLock { $0 = nil }
    }

    private func resolvedLayout() async throws(DeviceError) -> Layout {
        if let known = layout.withLock({ $0 }) { return known }
        var map: SunSpecModelMap?
        if let sunSpec = profile.sunSpec {
            do {
                map = try await SunSpecDiscovery.discover(
                    on: bus, unit: unit, baseAddresses: sunSpec.baseAddresses.map { UInt16(clamping: $0) })
            } catch {
                throw DeviceError(error, device: name)
            }
        }
        let points = try PointResolver.resolve(profile, sunSpec: map)
        let fresh = Layout(points: points, blocks: RegisterBlock.plan(points.values))
        layout.withLock { $0 = fresh }
        return fresh
    }

    private func readExponent(_ factorPoint: String, in current: Layout) async throws(DeviceError) -> Int {
        guard let point = current.points[factorPoint] else {
            throw DeviceError(.configuration, "\(name): scale factor point \(factorPoint) missing")
        }
        let value: ModbusValue
        do {
            value = try await bus.read(unit: unit, table: point.table, address: point.address, type: .i16)
        } catch {
            throw DeviceError(error, device: name)
        }
        guard let exponent = value.number.flatMap(Int.init(rounding:)), Self.scaleFactors.contains(exponent) else {
            throw DeviceError(.nonsense, "\(name): scale factor \(factorPoint) \(value.number.map { "\($0)" } ?? "missing") is not in -10...10")
        }
        return exponent
    }

    /// The points in engineering units. A value that is not finite once scaled (an IEEE float's NaN or infinity,
    /// an overflow) is nonsense, except a float NaN on a SunSpec device, which marks a point not implemented.
    private func scaled(_ raw: [String: ModbusValue], layout current: Layout) throws(DeviceError) -> PointValues {
        var values = PointValues()
        var exponents: [String: Int] = [:]
        for (name, value) in raw {
            guard let point = current.points[name] else { continue }
            if case .string(let text) = value {
                values.texts[name] = text
                continue
            }
            guard let number = value.number else { continue }
            let scaled: Double
            switch point.scaling {
            case .scaleFactor(let factorPoint):
                guard let factor = raw[factorPoint]?.number.flatMap(Int.init(rounding:)), Self.scaleFactors.contains(factor) else { continue }
                exponents[factorPoint] = factor
                scaled = point.scaling.value(fromRaw: number, exponent: factor)
            default:
                scaled = point.scaling.value(fromRaw: number)
            }
            guard scaled.isFinite else {
                if profile.sunSpec != nil, number.isNaN { continue }
                throw DeviceError(.nonsense, "\(self.name): \(name) is \(scaled)")
            }
            values.numbers[name] = scaled
        }
        if !exponents.isEmpty {
            layout.withLock { $0?.exponents.merge(exponents) { _, new in new } }
        }
        return values
    }

    /// The SunSpec scale factors a device can mean; any other is nonsense.
    static let scaleFactors = -10...10

    /// SunSpec marks unimplemented points with the type's extreme value.
    private static func isSunSpecNotImplemented(_ value: ModbusValue) -> Bool {
        switch value {
        case .i16(let v): return v == Int16.min
        case .u16(let v): return v == UInt16.max
        case .i32(let v): return v == Int32.min
        case .u32(let v): return v == UInt32.max
        default: return false
        }
    }
}
