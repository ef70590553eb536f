import Foundation
import StationCore
import Testing

@testable import StationSimulator

/// The simulated charger's arithmetic: power under limits, backoff, percentiles, ids and the report.
struct ChargerModelTests {
    let script = ChargingScript(vehicleMaxCurrent: 32, vehiclePhases: 3, voltage: 230)

    func charging(limit: ChargingRate? = nil) -> SimulatedConnector {
        var connector = SimulatedConnector(id: 1, maxCurrent: 32, phases: 3, firstPlugIn: nil, now: .zero)
        connector.phase = .charging(until: .seconds(100))
        connector.limit = limit
        return connector
    }

    @Test func powerFollowsTheLowestLimitInAmperesOrWatts() {
        #expect(charging().power(chargerLimit: nil, script: script) == 22_080)
        #expect(charging(limit: .amperes(16)).power(chargerLimit: nil, script: script) == 11_040)
        #expect(charging(limit: .watts(6_900, phases: nil)).current(chargerLimit: nil, script: script) == 10)
        #expect(charging(limit: .amperes(16)).power(chargerLimit: .amperes(10), script: script) == 6_900)
    }

    @Test func belowSixAmperesTheVehicleIsSuspended() {
        let connector = charging(limit: .amperes(5))
        #expect(connector.power(chargerLimit: nil, script: script) == 0)
        #expect(connector.status(chargerLimit: nil, script: script) == .suspendedEVSE)
        #expect(charging(limit: .amperes(6)).status(chargerLimit: nil, script: script) == .charging)
    }

    @Test func anInoperativeConnectorIsUnavailableAndDrawsNothing() {
        var connector = charging()
        connector.operative = false
        #expect(connector.status(chargerLimit: nil, script: script) == .unavailable)
        #expect(connector.power(chargerLimit: nil, script: script) == 0)
    }

    @Test func energyAccruesAtThePowerDrawn() {
        var connector = charging()
        connector.accrue(to: .seconds(1800), power: 22_080)
        #expect(connector.energy == 11_040)
    }

    @Test func backoffDoublesUpToItsMaximum() {
        let backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(30), jitter: 0)
        #expect((0...7).map { backoff.delay(afterFailures: $0) } == [1, 1, 2, 4, 8, 16, 30, 30].map { Duration.seconds($0) })
    }

    @Test func percentilesAreNearestRank() throws {
        var statistics = LoadStatistics()
        for milliseconds in (1...100).reversed() { statistics.recordAnswer(after: .milliseconds(milliseconds)) }
        let summary = try #require(statistics.latencySummary())
        #expect(summary.p50 == 50 && summary.p90 == 90 && summary.p99 == 99 && summary.max == 100)
        #expect(summary.mean == 50.5)
        #expect(LoadStatistics().latencySummary() == nil)
    }

    @Test func idsAreNumberedFromOneWithFourDigits() {
        #expect(OCPPChargerFleet.ids(count: 3, prefix: "SIM-") == ["SIM-0001", "SIM-0002", "SIM-0003"])
        #expect(OCPPChargerFleet.ids(count: 10_000, prefix: "X").last == "X10000")
    }

    @Test func theReportIsJSONWithRatesAndLatencies() throws {
        var statistics = LoadStatistics()
        statistics.recordAnswer(after: .milliseconds(2))
        statistics.recordAnswer(after: .milliseconds(4))
        let report = LoadReport(ocppVersion: "1.6", chargers: 2, connected: 2, duration: .seconds(2), statistics: statistics)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(object["messages_per_s"] as? Double == 1)
        #expect(object["messages_answered"] as? Int == 2)
        #expect((object["latency_ms"] as? [String: Any])?["p99"] as? Double == 4)
        #expect(Set(object.keys) == ["ocpp_version", "chargers", "connected", "duration_s", "messages_answered", "messages_per_s", "latency_ms", "errors"])
    }
}
