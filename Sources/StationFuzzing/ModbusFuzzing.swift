import Devices
import Foundation
import Modbus
import StationConfig
import StationCore

/// Register contents from the input, served by a libmodbus server on loopback and read by a device driver as stationd
/// reads its devices: SunSpec discovery walks the model chain, then every point is decoded and scaled.
///
/// Input: byte 0 picks the profile (grid meter, battery inverter, EVSE controller); for a SunSpec profile byte 1
/// picks the base address (40000, 0, 50000) and, with its top bit, writes the "SunS" marker there first; the
/// rest are big-endian registers from the base on. A profile without SunSpec takes the registers, in order,
/// for its points.
enum ModbusFuzzing {
    static let profileNames = ["sunspec-meter-203", "sunspec-battery-inverter", "phoenix-ev-eth"]
    static let unit: UInt8 = 1

    struct Bench: Sendable {
        let server: ModbusServer
        let bus: ModbusBus
        let profiles: [DeviceProfile]
    }

    static let bench: Bench = {
        let directory = FuzzTarget.repositoryRoot.appendingPathComponent("firmware-config/devices")
        do {
            let profiles = try profileNames.map { try DeviceProfile.load(path: directory.appendingPathComponent($0 + ".yaml").path) }
            let server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: [unit: try RegisterBank()])
            let port = try server.start()
            let bus = ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: .seconds(5)))
            return Bench(server: server, bus: bus, profiles: profiles)
        } catch {
            fatalError("modbus fuzzing: \(error)")
        }
    }()

    static func run(_ input: [UInt8]) async {
        guard input.count >= 2 else { return }
        let bench = bench
        let profile = bench.profiles[Int(input[0]) % bench.profiles.count]
        let registers = stride(from: 2, to: input.count - 1, by: 2).map { UInt16(input[$0]) << 8 | UInt16(input[$0 + 1]) }
        let bank: RegisterBank
        do {
            bank = try RegisterBank()
        } catch {
            fatalError("modbus fuzzing: \(error)")
        }
        if let sunSpec = profile.sunSpec {
            let bases = sunSpec.baseAddresses.isEmpty ? SunSpecDiscovery.defaultBaseAddresses.map(Int.init) : sunSpec.baseAddresses
            var address = UInt16(clamping: bases[Int(input[1] & 0x7F) % bases.count])
            if input[1] & 0x80 != 0 {
                bank.set(.holdingRegister, address, SunSpecDiscovery.marker)
                address &+= 2
            }
            bank.set(.holdingRegister, address, registers)
        } else {
            var next = registers.makeIterator()
            for point in profile.points.values.sorted(by: { $0.name < $1.name }) {
                guard case .address(let address) = point.location else { continue }
                let words = (0..<point.registerCount).map { _ in next.next() ?? 0 }
                bank.set(point.table, UInt16(clamping: address), words)
            }
        }
        bench.server.host(bank, as: unit)
        let device = ModbusDevice(name: "fuzzed device", profile: profile, bus: bench.bus, unit: unit)
        await withTaskExecutorPreference(bench.bus.thread) {
            await read(device)
        }
    }

    /// Reads the device through its driver; a reading that comes out must be finite (nonsense is a device fault).
    private static func read(_ device: ModbusDevice) async {
        switch device.profile.kind {
        case .gridMeter:
            guard let reading = try? await GridMeter(device: device).read() else { return }
            check([reading.power.value, reading.energyImported?.value, reading.energyExported?.value], device)
        case .batteryInverter:
            guard let reading = try? await BatteryInverter(device: device).read() else { return }
            check(
                [reading.soc.value, reading.maxChargePower?.value, reading.maxDischargePower?.value, reading.power?.value], device)
        case .evse:
            guard let reading = try? await EVSEController(device: device).read() else { return }
            check([reading.currentLimit?.value, reading.power?.value, reading.energy?.value], device)
        }
    }

    private static func check(_ values: [Double?], _ device: ModbusDevice) {
        for case let value? in values {
            precondition(value.isFinite, "modbus-sunspec: \(device.profile.name) gave a non-finite reading \(value)")
        }
    }
}
