public import Devices
public import Logging
public import ServiceLifecycle
public import StationCore

/// Runs a control cycle every period until shutdown, then leaves the hardware safe.
public struct ControlLoopService: Service {
    public let controller: StationController
    public let period: Duration
    public let notifier: SystemdNotifier
    let logger: Logger

    public init(controller: StationController, period: Duration, notifier: SystemdNotifier, logger: Logger) {
        self.controller = controller
        self.period = period
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        let clock = controller.clock
        notifier.ready(status: "controlling \(controller.configuration.sockets.count) sockets every \(period)")
        try? await cancelWhenGracefulShutdown {
            var next = clock.uptime
            while !Task.isCancelled {
                await controller.runCycle()
                notifier.watchdog()
                next += period
                let now = clock.uptime
                if next < now {
                    logger.warning("control cycle overran its period by \(now - next)")
                    next = now
                }
                try await clock.sleep(until: next)
            }
        }
        notifier.stopping()
        await controller.enterSafeState(reason: "stationd is stopping")
    }
}

/// Polls every bus until shutdown, recording readings for the control loop.
public struct PollingService: Service {
    public let pollers: [BusPoller]

    public init(pollers: [BusPoller]) {
        self.pollers = pollers
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for poller in pollers { group.addTask { await poller.run() } }
            }
        }
    }
}
