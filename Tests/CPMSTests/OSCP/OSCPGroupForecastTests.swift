@testable import CPMS
import Foundation
import Testing

/// OSCP sends one forecast per group: the forecast store keeps each group's capacity when another group's
/// forecast covers the same span, and replaces a group's own.
@Suite
struct OSCPGroupForecastTests {
    @Test(arguments: TestBackend.available)
    func aGroupsForecastLeavesTheOtherGroupsInPlace(backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = ForecastStore(database: database, logger: .quiet)
        let dso = "dso-\(UUID().uuidString.prefix(8))"
        let start = Date(timeIntervalSince1970: 1_796_630_400)
        func update(_ group: String, _ capacityW: Double) -> ForecastUpdate {
            ForecastUpdate(
                dso: dso, feed: "oscp",
                intervals: [ForecastInterval(start: start, end: start.addingTimeInterval(900), capacityW: capacityW, group: group)],
                source: "test", receivedAt: start)
        }
        try await store.received(update("depot", 22_080))
        try await store.received(update("garage", 11_000))
        try await store.received(update("depot", 20_000))
        let kept = try await store.forecasts(from: start, to: start.addingTimeInterval(900)).filter { $0.dso == dso }
        #expect(kept.map { "\($0.interval.group ?? ""):\($0.interval.capacityW ?? -1)" }.sorted() == ["depot:20000.0", "garage:11000.0"])
        await database.shutdown()
    }
}
