import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import StationCore

/// `/metrics`: cpms's Prometheus metrics in the text exposition format (no token: scrapers do not log in).
struct MetricsController<Context: RequestContext>: Sendable {
    let registry: PrometheusCollectorRegistry
    let pushes: OCPIPushMetrics
    let store: OCPIPushStore
    let clock: any StationClock
    let logger: Logger

    func addRoutes(to router: Router<Context>) {
        router.get("metrics") { _, _ -> Response in
            do {
                pushes.record(try await store.summaries(at: clock.wallTime))
            } catch {
                logger.error("metrics: cannot read the OCPI push queue: \(String(reflecting: error))")
            }
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
