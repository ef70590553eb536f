public import Devices
public import StationCore
import Synchronization

/// The latest reading of every device, written by the bus pollers and read by the control loop.
public final class StationReadings: Sendable {
    /// One device's latest outcome.
    public struct Entry<Value: Sendable & Hashable>: Sendable {
        public var reading: Reading<Value> = .missing
        /// The last failure, for the log and the API.
        public var lastError: String?
        public var failures = 0
    }

    struct State {
        var sockets: [SocketID: Entry<EVSEReading>] = [:]
        var battery = Entry<BatteryReading>()
        var grid = Entry<GridReading>()
        /// Sockets whose readings arrive as events (OCPP chargers): fresh while their charger is connected.
        var eventDriven: Set<SocketID> = []
    }

    private let state = Mutex(State())

    public init() {}

    public func recordSocket(_ id: SocketID, _ outcome: Result<EVSEReading, DeviceError>, at uptime: Duration) {
        state.withLock { Self.record(&$0.sockets[id, default: Entry()], outcome, at: uptime) }
    }

    public func recordBattery(_ outcome: Result<BatteryReading, DeviceError>, at uptime: Duration) {
        state.withLock { Self.record(&$0.battery, outcome, at: uptime) }
    }

    public func recordGrid(_ outcome: Result<GridReading, DeviceError>, at uptime: Duration) {
        state.withLock { Self.record(&$0.grid, outcome, at: uptime) }
    }

    /// One socket's latest reading, without copying the others.
    public func socketReading(_ id: SocketID) -> EVSEReading? {
        state.withLock { $0.sockets[id]?.reading.value }
    }

    /// Replaces a socket's good reading with `update(reading)` in one step; false when it has none.
    public func updateSocket(_ id: SocketID, at uptime: Duration, _ update: (EVSEReading) -> EVSEReading) -> Bool {
        state.withLock { state in
            guard let reading = state.sockets[id]?.reading.value, state.sockets[id]?.reading.quality != .failed else {
                return false
            }
            Self.record(&state.sockets[id, default: Entry()], .success(update(reading)), at: uptime)
            return true
        }
    }

    /// Marks a socket whose readings arrive as events rather than polls: they do not age.
    public func markEventDriven(_ id: SocketID) {
        state.withLock { _ = $0.eventDriven.insert(id) }
    }

    /// Every reading as of `uptime`, with polled values older than `staleAfter` marked stale.
    public func snapshot(at uptime: Duration, staleAfter: Duration) -> ReadingsSnapshot {
        state.withLock { state in
            ReadingsSnapshot(
                sockets: Dictionary(uniqueKeysWithValues: state.sockets.map { id, entry in
                    (id, state.eventDriven.contains(id) ? entry : Self.aged(entry, uptime, staleAfter))
                }),
                battery: Self.aged(state.battery, uptime, staleAfter),
                grid: Self.aged(state.grid, uptime, staleAfter))
        }
    }

    private static func aged<Value>(_ entry: Entry<Value>, _ uptime: Duration, _ bound: Duration) -> Entry<Value> {
        var copy = entry
        copy.reading = entry.reading.aged(at: uptime, bound: bound)
        return copy
    }

    private static func record<Value>(_ entry: inout Entry<Value>, _ outcome: Result<Value, DeviceError>, at uptime: Duration) {
        switch outcome {
        case .success(let value):
            entry.reading = .fresh(value, at: uptime)
            entry.lastError = nil
            entry.failures = 0
        case .failure(let error):
            // Keep the last good value for display; its quality says it must not be used.
            entry.reading.quality = .failed
            entry.lastError = error.description
            entry.failures += 1
        }
    }
}

/// All readings at one moment, as the control loop uses them.
public struct ReadingsSnapshot: Sendable {
    public var sockets: [SocketID: StationReadings.Entry<EVSEReading>]
    public var battery: StationReadings.Entry<BatteryReading>
    public var grid: StationReadings.Entry<GridReading>
}
