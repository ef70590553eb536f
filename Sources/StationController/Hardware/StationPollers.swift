public import Devices
public import StationCore

extension StationHardware {
    /// One poller per bus, each reading that bus's devices into `readings`.
    public func pollers(into readings: StationReadings, clock: any StationClock) -> [BusPoller] {
        var targets: [String: [BusPoller.Target]] = [:]
        for socket in sockets {
            let controller = socket.controller
            let id = socket.id
            targets[controller.device.bus.endpoint.description, default: []].append(
                .init(name: controller.device.name, interval: socket.pollInterval) {
                    let outcome = await Self.outcome { () async throws(DeviceError) in try await controller.read() }
                    readings.recordSocket(id, outcome, at: clock.uptime)
                    return (try? outcome.get()) != nil
})
        }
        if let (inverter, interval) = battery {
            targets[inverter.device.bus.endpoint.description, default: []].append(
                .init(name: inverter.device.name, interval: interval) {
                    let outcome = await Self.outcome { () async throws(DeviceError) in try await inverter.read() }
                    readings.recordBattery(outcome, at: clock.uptime)
                    return (try? outcome.get()) != nil
})
        }
        let meter = gridMeter.meter
        targets[meter.device.bus.endpoint.description, default: []].append(
            .init(name: meter.device.name, interval: gridMeter.pollInterval) {
                let outcome = await Self.outcome { () async throws(DeviceError) in try await meter.read() }
                readings.recordGrid(outcome, at: clock.uptime)
                return (try? outcome.get()) != nil
            })
        return buses.values.sorted { $0.endpoint.description < $1.endpoint.description }.compactMap { bus in
            targets[bus.endpoint.description].map { BusPoller(bus: bus, targets: $0, clock: clock) }
        }
    }

    private static func outcome<Value>(_ read: () async throws(DeviceError) -> Value) async -> Result<Value, DeviceError> {
        do {
            return .success(try await read())
        } catch {
            return .failure(error)
        }
    }
}
