import Logging
import ServiceLifecycle
import StationCore

/// Compares every Location and tariff with what was last pushed, at start and then every `interval`: pushes
/// what changed with time alone (a maintenance block ending, a tariff version coming into force), was changed
/// outside the server, or was changed just before a cpms process stopped.
struct OCPIPublicationSweep: Service {
    let locations: LocationPushes
    let tariffs: TariffPushes
    let clock: any StationClock
    let interval: Duration
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let stations = try await locations.sweep()
                    let tariffCount = try await tariffs.sweep()
                    if stations + tariffCount > 0 { logger.info("OCPI sweep: pushed \(stations) Locations and \(tariffCount) tariffs that had changed") }
                } catch {
                    if Task.isCancelled { return }
                    logger.error("OCPI sweep failed: \(String(reflecting: error))")
                }
                try? await clock.sleep(for: interval)
            }
        }
    }
}
