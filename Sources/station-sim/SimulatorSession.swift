import StationSimulator

/// Runs the Modbus simulation and the scripted chargers in real time, printing events and status lines,
/// until SIGINT or SIGTERM.
struct SimulatorSession {
    let station: SimulatedStation?
    let chargers: OCPPChargerFleet?
    let tick: Duration
    /// How often to print a status line; nil for none.
    let statusEvery: Duration?

    func run() async {
        await withTaskGroup(of: Void.self) { group in
            if let station {
                group.addTask { [tick] in
                    await station.run(tick: tick)
                }
                group.addTask {
                    for await event in station.events { Console.line(event.description) }
                }
                if let statusEvery {
                    group.addTask {
                        while (try? await Task.sleep(for: statusEvery)) != nil {
                            Console.line(station.snapshot().summary)
                        }
                    }
                }
            }
            if let chargers {
                group.addTask {
                    await chargers.run()
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
