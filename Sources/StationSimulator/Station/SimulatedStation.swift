import Foundation
import Modbus
public import StationConfig
import StationCore
import Synchronization

/// A whole station's hardware, simulated from its configuration and device profiles and served over Modbus.
///
/// Build it, `start()` the servers, then drive time with `step(by:)` or `run(clock:tick:)`. Every method is
/// safe from any thread; masters' writes reach the devices on the servers' threads between steps.
public final class SimulatedStation: Sendable {
    public let configuration: StationConfiguration
    public let scenario: Scenario
    public let options: Options
    /// In the configuration's socket order.
    public let sockets: [SimulatedEVSE]
    public let battery: SimulatedBattery?
    public let gridMeter: SimulatedGridMeter
    /// Every event, as it happens (one consumer; the newest 1024 are kept for a slow one).
    public let events: AsyncStream<SimulationEvent>

    let eventSink: AsyncStream<SimulationEvent>.Continuation
    let plan: ServingPlan
    let state: Mutex<State>
    let servers = Mutex<[(bus: String, server: ModbusServer)]>([])
    /// Seconds after local midnight when the simulation started.
    let startTimeOfDay: Duration

    struct State {
        var elapsed: Duration = .zero
        var timeline = SimulationTimeline()
        var baseLoadOverride: Watts?
        var pvOverride: Watts?
        var faults: [SimulatedDeviceID: ActiveFault] = [:]
        var nextWindow = 0
    }

    /// A fault a device shows now, and the scheduled window it came from (nil when injected by hand).
    struct ActiveFault {
        var fault: SimulatedFault
        var window: Int?
    }

    /// Builds every device of `configuration` and the servers to serve them (not yet started).
    public init(configuration: StationConfiguration, scenario: Scenario = Scenario(), options: Options = Options()) throws(SimulatorError) {
        self.configuration = configuration
        self.scenario = scenario
        self.options = options
        let voltage = Volts(configuration.grid.nominalVoltageV)
        var placements: [ServingPlan.Placement] = []

        var sockets: [SimulatedEVSE] = []
        for socket in configuration.sockets {
            let image = try Self.image(for: socket.device, kind: .evse, in: configuration, as: .socket(socket.id))
            let rating = SocketRating(maxCurrent: Amperes(socket.maxCurrentA), phases: socket.phases, voltage: voltage)
            sockets.append(
                SimulatedEVSE(
                    socketID: socket.id, image: image, rating: rating,
                    response: scenario.devices.sockets[socket.id] ?? .immediate))
            placements.append(.init(id: .socket(socket.id), reference: socket.device, bank: image.bank))
        }
        self.sockets = sockets

        if let battery = configuration.battery {
            let image = try Self.image(for: battery.device, kind: .batteryInverter, in: configuration, as: .battery)
            let rating = BatteryRating(
                capacity: WattHours(battery.capacityWh), maxCharge: Watts(battery.maxChargeW),
                maxDischarge: Watts(battery.maxDischargeW))
            self.battery = SimulatedBattery(
                image: image, rating: rating, soc: scenario.batterySoC, response: scenario.devices.battery)
            placements.append(.init(id: .battery, reference: battery.device, bank: image.bank))
        } else {
            self.battery = nil
        }

        let meterImage = try Self.image(for: configuration.grid.meter, kind: .gridMeter, in: configuration, as: .gridMeter)
        gridMeter = SimulatedGridMeter(image: meterImage, voltage: voltage, response: scenario.devices.gridMeter)
        placements.append(.init(id: .gridMeter, reference: configuration.grid.meter, bank: meterImage.bank))

        plan = try ServingPlan(buses: configuration.buses, devices: placements, options: options)
        startTimeOfDay = options.startTimeOfDay ?? Self.localTimeOfDay(Date())
        (events, eventSink) = AsyncStream.makeStream(of: SimulationEvent.self, bufferingPolicy: .bufferingNewest(1024))

        var initial = State()
        for arrival in scenario.arrivals {
            guard configuration.socket(id: arrival.socket) != nil else {
                throw SimulatorError(.unknownDevice, "scenario: the station has no socket \(arrival.socket)")
            }
            initial.timeline.add(.arrival(arrival), at: arrival.at)
        }
        state = Mutex(initial)
        for window in scenario.faults { try schedule(window) }
        state.withLock { state in
            emit(applyDue(&state))
            gridMeter.setPower(sitePower(state))
        }
    }

    deinit {
        eventSink.finish()
    }

    /// Simulation time since the start.
    public var elapsed: Duration { state.withLock { $0.elapsed } }

    /// The simulated device called `id`.
    public func device(_ id: SimulatedDeviceID) -> (any SimulatedDevice)? {
        switch id {
        case .socket(let socketID): return sockets.first { $0.socketID == socketID }
        case .battery: return battery
        case .gridMeter: return gridMeter
        }
    }

    /// The socket with OCPP EVSE id `id`.
    public func socket(_ id: Int) -> SimulatedEVSE? {
        sockets.first { $0.socketID == id }
    }

    private static func image(
        for reference: ModbusDeviceReference, kind: DeviceKind, in configuration: StationConfiguration, as id: SimulatedDeviceID
    ) throws(SimulatorError) -> DeviceImage {
        guard let profile = configuration.profile(for: reference) else {
            throw SimulatorError(.configuration, "\(id): profile \(reference.profileName) is not loaded")
        }
        guard profile.kind == kind else {
            throw SimulatorError(.configuration, "\(id): profile \(profile.name) is a \(profile.kind.rawValue), not a \(kind.rawValue)")
        }
        do {
            return try DeviceImage(profile: profile)
        } catch {
            throw SimulatorError(.configuration, "\(id): cannot lay out profile \(profile.name): \(error)")
        }
    }

    private static func localTimeOfDay(_ date: Date) -> Duration {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        return .seconds((parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0))
    }
}
