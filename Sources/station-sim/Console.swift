import Foundation
import StationSimulator

/// Line-at-a-time output that is flushed at once, so piped logs keep up with the simulation.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// What is served where, and what is not served.
    static func banner(for station: SimulatedStation) {
        let addresses = station.servedAddresses
        line("station-sim: \(station.configuration.stationId)")
        for (bus, devices) in station.servedDevices.sorted(by: { $0.key < $1.key }) {
            let units = devices.map { "\($0) (unit \(unitID(of: $0, in: station)))" }.joined(separator: ", ")
            line("  bus \(bus) on \(addresses[bus] ?? "?"): \(units)")
        }
        for (device, reason) in station.unservedDevices.sorted(by: { $0.key < $1.key }) {
            line("  \(device) not served: \(reason)")
        }
    }

    private static func unitID(of device: SimulatedDeviceID, in station: SimulatedStation) -> String {
        let configuration = station.configuration
        switch device {
        case .socket(let id): return configuration.socket(id: id).map { String($0.device.unitId) } ?? "?"
        case .battery: return configuration.battery.map { String($0.device.unitId) } ?? "?"
        case .gridMeter: return String(configuration.grid.meter.unitId)
        }
    }
}
