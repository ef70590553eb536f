public import StationCore

extension SimulatedStation {
    /// Steps the station every `tick` of `clock` until the task is cancelled.
    ///
    /// Each step covers the time that really passed on the clock, so a late wake-up loses no simulated time.
    public func run(clock: any StationClock, tick: Duration = .milliseconds(100)) async {
        var last = clock.uptime
        var next = last + tick
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: next)
            } catch {
                return
            }
            let now = clock.uptime
            step(by: now - last)
            last = now
            next += tick
            if next <= now { next = now + tick }
        }
    }
}

extension SimulatedStation {
    /// Steps the station every `tick` of real time until the task is cancelled.
    public func run(tick: Duration = .milliseconds(100)) async {
        await run(clock: SystemStationClock(), tick: tick)
    }
}
