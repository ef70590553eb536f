public import Logging
import OCPP
public import StationCore

/// A simulated smart charger: an OCPP 1.6J or 2.0.1 charge point on a WebSocket, running scripted sessions.
///
/// `run()` connects (subprotocol and Basic auth in the upgrade request), boots, reports its connectors, then
/// runs its script and sends Heartbeats at the interval the server gave; when the connection drops it connects
/// again after a backoff. Every wait is on the injected `StationClock`. Connector state (energy register,
/// transaction, limits) survives reconnects.
public actor SimulatedOCPPCharger: ChargePointControls {
    public nonisolated let configuration: Configuration
    let clock: any StationClock
    let logger: Logger
    let onEvent: @Sendable (ChargerEvent) -> Void
    var connectors: [SimulatedConnector]
    /// The limit from a profile for the whole charger (connector 0), if any.
    var chargerLimit: ChargingRate?
    /// Whether the charger is booted on a live connection.
    public private(set) var isOnline = false

    /// A charger that reports what happens to `onEvent` (called on the charger's executor; keep it short).
    public init(
        configuration: Configuration, clock: any StationClock, logger: Logger = Logger(label: "station-sim.ocpp"),
        onEvent: @escaping @Sendable (ChargerEvent) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.onEvent = onEvent
        let now = clock.uptime
        let firstPlugIn = now + configuration.script.idleTime
        connectors = configuration.connectors.enumerated().map { index, rating in
            SimulatedConnector(id: index + 1, maxCurrent: rating.maxCurrent, phases: rating.phases, firstPlugIn: firstPlugIn, now: now)
        }
    }

    /// Connects and runs until the task is cancelled, reconnecting with backoff whenever the connection ends.
    public func run() async {
        var failures = 0
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            emit(.connecting(attempt: attempt))
            let booted = await connectOnce()
            guard !Task.isCancelled else { break }
            failures = booted ? 0 : failures + 1
            let delay = configuration.backoff.delay(afterFailures: failures)
            emit(.reconnecting(after: delay))
            do {
                try await clock.sleep(for: delay)
            } catch {
                break
            }
        }
    }

    /// The energy register of a connector.
    public func energy(connector: Int) -> WattHours? {
        index(of: connector).map { connectors[$0].energy }
    }

    /// The power a connector draws now.
    public func power(connector: Int) -> Watts? {
        guard let index = index(of: connector) else { return nil }
        let script = configuration.script
        return connectors[index].power(chargerLimit: chargerLimit, script: script)
    }

    func emit(_ event: ChargerEvent) {
        onEvent(event)
    }

    func index(of connector: Int) -> Int? {
        connectors.firstIndex { $0.id == connector }
    }

    func setOnline(_ online: Bool) {
        isOnline = online
    }

    /// Brings every connector's energy register up to `now` at the power it drew until now.
    func accrueAll(to now: Duration) {
        let script = configuration.script
        for index in connectors.indices {
            let power = connectors[index].power(chargerLimit: chargerLimit, script: script)
            connectors[index].accrue(to: now, power: power)
        }
    }
}
