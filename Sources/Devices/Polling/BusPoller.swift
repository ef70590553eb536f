public import Modbus
public import StationCore

/// Polls the devices of one bus on the bus's own thread, each at its interval, with backoff on failure.
public struct BusPoller: Sendable {
    /// One device to poll: reading it stores the result and says whether it succeeded.
    public struct Target: Sendable {
        public let name: String
        public let interval: Duration
        public let poll: @Sendable () async -> Bool

        public init(name: String, interval: Duration, poll: @escaping @Sendable () async -> Bool) {
            self.name = name
            self.interval = interval
            self.poll = poll
        }
    }

    public let bus: ModbusBus
    public let targets: [Target]
    public let clock: any StationClock
    public let maxBackoff: Duration

    public init(bus: ModbusBus, targets: [Target], clock: any StationClock, maxBackoff: Duration = .seconds(30)) {
        self.bus = bus
        self.targets = targets
        self.clock = clock
        self.maxBackoff = maxBackoff
    }

    /// Polls until the task is cancelled.
    public func run() async {
        let byName = Dictionary(targets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        await withTaskExecutorPreference(bus.thread) {
            var schedule = PollSchedule(
                targets.map { (key: $0.name, interval: $0.interval) }, start: clock.uptime, maxBackoff: maxBackoff)
            while !Task.isCancelled {
                guard let next = schedule.nextDue else { return }
                if next > clock.uptime {
                    do { try await clock.sleep(until: next) } catch { return }
                }
                for name in schedule.due(at: clock.uptime) {
                    guard let target = byName[name], !Task.isCancelled else { continue }
                    let succeeded = await target.poll()
                    schedule.record(name, succeeded: succeeded, at: clock.uptime)
                }
            }
        }
    }
}
