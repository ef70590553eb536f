import GPIO
public import Logging
public import ServiceLifecycle
import StationCore

/// Turns the emergency stop and the maintenance key switches into availability changes.
public struct GPIOInputService: Service {
    public let controller: StationController
    let logger: Logger

    public init(controller: StationController, logger: Logger) {
        self.controller = controller
        self.logger = logger
    }

    public func run() async throws {
        let hardware = controller.hardware
        if let stop = hardware.emergencyStop {
            do {
                if try stop.read() { await controller.setEmergencyStop(true) }
            } catch {
                logger.critical("emergency stop input unreadable: treating as pressed: \(error)")
                await controller.setEmergencyStop(true)
            }
        }
        for socket in hardware.sockets {
            if let key = socket.keySwitch, (try? key.read()) == true {
                await keySwitch(socket.id, maintenance: true)
            }
        }
        try? await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                if let stop = hardware.emergencyStop {
                    group.addTask {
                        for await change in stop.changes() { await controller.setEmergencyStop(change.active) }
                    }
                }
                for socket in hardware.sockets {
                    guard let key = socket.keySwitch else { continue }
                    group.addTask {
                        for await change in key.changes() { await keySwitch(socket.id, maintenance: change.active) }
                    }
                }
            }
        }
        // An input stream that ended early is no reason to stop the station: wait for shutdown.
        try? await gracefulShutdown()
    }

    private func keySwitch(_ id: SocketID, maintenance: Bool) async {
        _ = try? await controller.setAvailability(
            id, enabled: !maintenance, source: .technician, actor: "key-switch",
            reason: maintenance ? "maintenance key switch turned on" : "maintenance key switch turned off")
    }
}
