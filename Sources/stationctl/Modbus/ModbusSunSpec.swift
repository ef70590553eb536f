import ArgumentParser
import Modbus

struct ModbusSunSpec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunspec", abstract: "List the SunSpec models a device announces.")

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .customLong("base"), help: "Base address to look for \"SunS\" at (repeatable; default 40000, 0, 50000).")
    var baseAddresses: [Int] = []

    func validate() throws {
        for base in baseAddresses where !(0...65533).contains(base) {
            throw ValidationError("--base \(base) is not a register address")
        }
    }

    func run() async throws {
        let endpoint = try connection.endpoint()
        let bus = ModbusBus(endpoint)
        let bases = baseAddresses.isEmpty ? SunSpecDiscovery.defaultBaseAddresses : baseAddresses.map { UInt16($0) }
        let map: SunSpecModelMap
        do {
            map = try await SunSpecDiscovery.discover(on: bus, unit: connection.unitID, baseAddresses: bases)
        } catch {
            await bus.shutdown()
            throw CommandFailure(error.description)
        }
        await bus.shutdown()
        if connection.json {
            printJSON(SunSpecReport(
                endpoint: endpoint.description, unit: connection.unit, base: Int(map.baseAddress),
                models: map.models.map {
                    .init(id: Int($0.id), name: SunSpecModelNames.name(of: $0.id), address: Int($0.dataAddress), length: Int($0.length))
                }))
        } else {
            print("SunSpec base \(map.baseAddress), \(map.models.count) models on unit \(connection.unit) at \(endpoint)")
            print(Table(
                headers: ["model", "name", "data address", "length"],
                rows: map.models.map {
                    [String($0.id), SunSpecModelNames.name(of: $0.id) ?? "-", String($0.dataAddress), String($0.length)]
                }
            ).rendered)
        }
    }
}

struct SunSpecReport: Encodable {
    struct Model: Encodable {
        let id: Int
        let name: String?
        let address: Int
        let length: Int
    }

    let endpoint: String
    let unit: Int
    let base: Int
    let models: [Model]
}

/// Names of the SunSpec models an installer commonly meets.
enum SunSpecModelNames {
    static func name(of id: UInt16) -> String? {
        let names: [UInt16: String] = [
            1: "common", 101: "inverter (single phase)", 102: "inverter (split phase)", 103: "inverter (three phase)",
            111: "inverter float (single phase)", 112: "inverter float (split phase)", 113: "inverter float (three phase)",
            120: "nameplate", 121: "basic settings", 122: "measurements status", 123: "immediate controls",
            124: "storage", 160: "MPPT", 201: "meter (single phase)", 202: "meter (split phase)",
            203: "meter (three phase wye)", 204: "meter (three phase delta)", 211: "meter float (single phase)",
            213: "meter float (three phase wye)", 701: "DER AC measurement", 702: "DER capacity",
            703: "DER enter service", 704: "DER AC controls", 713: "DER storage capacity", 802: "battery base",
            803: "lithium-ion battery bank",
        ]
        return names[id]
    }
}
