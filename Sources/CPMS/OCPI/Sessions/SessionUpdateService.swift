import Foundation
import Logging
import ServiceLifecycle
import StationCore

/// Runs beside the server: every quarter of the update interval (at least every second) it has the open
/// sessions whose last report is an interval old PATCHed. Time comes from the injected clock.
struct SessionUpdateService: Service {
    let publisher: SessionPublisher
    let interval: Duration
    let clock: any StationClock
    let logger: Logger

    func run() async throws {
        let period = max(interval / 4, .seconds(1))
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await clock.sleep(for: period) } catch { return }
                do {
                    try await publisher.reportDue(at: clock.wallTime, interval: interval)
                } catch {
                    logger.error("OCPI session updates failed: \(String(reflecting: error))")
                }
            }
        }
    }
}
