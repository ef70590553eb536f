import StationSimulator

/// Runs the simulation in real time, printing events and status lines, until SIGINT or SIGTERM.
struct SimulatorSession {
    let station: SimulatedStation
    let tick: Duration
    /// How often to print a status line; nil for none.
    let statusEvery: Duration?

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [station, tick] in
                await station.run(tick: tick)
            }
            group.addTask { [station] in
                for await event in station.events { Console.line(event.description) }
            }
            if let statusEvery {
                group.addTask { [station] in
                    while (try? await Task.sleep(for: statusEvery)) != nil {
                        Console.line(station.snapshot().summary)
                    }
                }
            }
            group.addTask {
                let name = await ShutdownSignals.first()
                Console.line("station-sim: \(name) received, stopping")
            }
            await group.next()
            group.cancelAll()
        }
    }
}
