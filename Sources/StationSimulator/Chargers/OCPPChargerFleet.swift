public import Logging
public import StationCore

/// Simulated chargers run together, each scripted on its own.
public final class OCPPChargerFleet: Sendable {
    public let chargers: [SimulatedOCPPCharger]
    let clock: any StationClock
    let tally = OnlineTally()

    /// One charger per configuration; `onEvent` hears every charger's events with its id.
    public init(
        configurations: [SimulatedOCPPCharger.Configuration], clock: any StationClock,
        logger: Logger = Logger(label: "station-sim.ocpp"),
        onEvent: @escaping @Sendable (String, ChargerEvent) -> Void = { _, _ in }
    ) {
        self.clock = clock
        let tally = tally
        chargers = configurations.map { configuration in
            let id = configuration.id
            return SimulatedOCPPCharger(configuration: configuration, clock: clock, logger: logger) { event in
                tally.observe(id, event)
                onEvent(id, event)
            }
        }
    }

    /// `count` charger ids: the prefix and a four-digit number from 1 (`SIM-0001`...).
    public static func ids(count: Int, prefix: String) -> [String] {
        (0..<max(0, count)).map { number in
            let digits = String(number + 1)
            return prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }

    /// How many chargers are booted on a live connection now.
    public var onlineCount: Int { tally.count }

    /// Runs every charger until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            for charger in chargers {
                group.addTask { await charger.run() }
            }
        }
    }

    /// Returns true once every charger is online, false after `timeout` or when cancelled.
    public func waitUntilAllOnline(timeout: Duration) async -> Bool {
        let count = chargers.count
        let tally = tally
        let clock = clock
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await tally.wait(for: count) }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
