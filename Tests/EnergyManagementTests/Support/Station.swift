import EnergyManagement
import Foundation
import StationCore

/// A station described by its true loads, from which the tests build the inputs a cycle would see.
///
/// The grid meter reads what physics says: base load + Σ socket draw − battery power (discharge positive).
struct Station {
    var time = Schedules.midnight
    var baseLoad: Watts = 0
    var sockets: [SocketDemand] = []
    var battery: BatteryState?
    var gridCap: Watts = 22_000
    var gridQuality: ReadingQuality = .fresh
    var settings = EnergySettings()
    var schedule = PriceSchedule.empty
    var previous: SetpointDecision?

    var gridPower: Watts {
        baseLoad + sockets.reduce(Watts.zero) { $0 + ($1.measuredPower ?? .zero) } - (battery?.power ?? .zero)
    }

    var inputs: EnergyInputs {
        EnergyInputs(
            time: time, gridPower: gridPower, gridQuality: gridQuality, sockets: sockets, battery: battery,
            schedule: schedule, gridCap: gridCap, settings: settings, previous: previous)
    }

    /// Grid import once the sockets draw their limits and the battery follows its setpoint.
    func predictedImport(_ decision: SetpointDecision) -> Watts {
        baseLoad + sockets.reduce(Watts.zero) { total, socket in
            total + Watts(current: decision.socketLimits[socket.id] ?? .zero, phases: socket.phases, voltage: settings.voltage)
        } - decision.batteryPower
    }

    /// One decision by a manager that has seen nothing before.
    func decide() -> SetpointDecision {
        var manager = EnergyManager()
        return manager.decide(inputs)
    }

    /// An EV charging at `current` on a socket that allows `max`.
    static func car(_ id: SocketID, phases: Int = 3, max: Amperes = 32, drawing current: Amperes = 16) -> SocketDemand {
        SocketDemand(
            id: id, phases: phases, maxCurrent: max, state: .charging,
            measuredPower: Watts(current: current, phases: phases, voltage: 230), requestedCurrent: current)
    }

    /// A 20 kWh battery with 10 kW inverter limits, idle.
    static func battery(soc: StateOfCharge, quality: ReadingQuality = .fresh) -> BatteryState {
        BatteryState(soc: soc, capacity: 20_000, maxChargePower: 10_000, maxDischargePower: 10_000, power: 0, quality: quality)
    }
}

/// Price schedules for the tests, in quarter-hour slots from a fixed midnight (UTC).
enum Schedules {
    /// 2025-06-01 00:00 UTC.
    static let midnight = Date(timeIntervalSince1970: 1_748_736_000)

    static func quarterHours(_ prices: [Double], from start: Date = midnight, version: Int = 1) -> PriceSchedule {
        PriceSchedule(
            version: version,
            slots: prices.enumerated().map { index, price in
                PriceSlot(
                    start: start.addingTimeInterval(Double(index) * 900),
                    end: start.addingTimeInterval(Double(index + 1) * 900),
                    importPrice: price)
            })
    }

    /// A day: cheap night (00–06, 0.08), day (0.20), dear evening (17–21, 0.40), late evening (0.20).
    static func nightAndEvening() -> PriceSchedule {
        quarterHours((0..<96).map { slot in
            switch slot {
            case 0..<24: 0.08
            case 68..<84: 0.40
            default: 0.20
            }
        })
    }

    /// The time at the start of quarter-hour `slot` of the day.
    static func time(ofSlot slot: Int) -> Date { midnight.addingTimeInterval(Double(slot) * 900) }
}
