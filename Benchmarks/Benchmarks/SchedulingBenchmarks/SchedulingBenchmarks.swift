import Benchmark
import Foundation
import Scheduling
import StationCore

private let monday = Date(timeIntervalSince1970: 1_780_272_000)
private let quarter: TimeInterval = 15 * 60
private let days = 30

/// 1,000 EVSEs (250 stations of 4) booked through 30 days: entries of 15 min to 2 h with free spans of
/// 15 min to 3 h between them (about 9 a day, 260,000 in all), a 15-minute turnaround gap.
private let fleet: BookingCalendar? = {
    let evses = (0..<1_000).map { index in
        EVSEDescription(
            id: EVSEID("E\(index)"), station: StationID("S\(index / 4)"), stationEVSE: index % 4 + 1,
            connectors: [
                index % 2 == 0
                    ? ConnectorDescription(standard: .type2, powerType: .ac3Phase, maxPower: 22_000)
                    : ConnectorDescription(standard: .ccs2, powerType: .dc, maxPower: Watts(Double(50_000 * (index % 6 + 1)))),
            ])
    }
    let settings = CalendarSettings(turnaroundGap: quarter, terms: BookingTerms(noShowTimeout: quarter))
    guard var calendar = try? BookingCalendar(settings: settings, evses: evses) else { return nil }
    let end = monday.addingTimeInterval(TimeInterval(days) * 86_400)
    let token = DriverToken(uid: "04A1B2C3", type: .rfid, contractID: "NL-GCH-C1", emsp: "NL*GCH")
    for (index, evse) in evses.enumerated() {
        var start = monday.addingTimeInterval(TimeInterval(index % 8) * quarter)
        var count = 0
        while start < end {
            let window = TimeWindow(start: start, duration: TimeInterval(1 + (count * 7 + index) % 8) * quarter)
            let request = BookingRequest(id: EntryID("B\(index)-\(count)"), evse: evse.id, window: window, by: .emsp("NL*GCH"), token: token)
            _ = try? calendar.book(request, now: monday)
            start = window.end.addingTimeInterval(TimeInterval(1 + (count * 5 + index) % 12) * quarter)
            count += 1
        }
    }
    return calendar
}()

private func search(_ query: FreeSlotQuery) -> (Benchmark) -> Void {
    { benchmark in
        guard let calendar = fleet else {
            benchmark.error("the benchmark's calendar settings were refused")
            return
        }
        blackHole(calendar.freeSlots(query))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(calendar.freeSlots(query))
        }
        benchmark.stopMeasurement()
    }
}

private func microseconds() -> Benchmark.Configuration {
    Benchmark.Configuration(metrics: [.wallClock, .throughput], timeUnits: .microseconds, maxDuration: .seconds(5))
}

let benchmarks: @Sendable () -> Void = {
    let month = TimeWindow(start: monday, end: monday.addingTimeInterval(TimeInterval(days) * 86_400))
    let evening = TimeWindow(start: monday.addingTimeInterval(14 * 86_400 + 17 * 3_600), duration: 4 * 3_600)
    Benchmark(
        "Scheduling free slots, 1,000 EVSEs x 30 days, 4 h window, at least 1 h",
        configuration: microseconds(),
        closure: search(FreeSlotQuery(window: evening, minimumDuration: 3_600)))
    Benchmark(
        "Scheduling free slots, 1,000 EVSEs x 30 days, whole month, at least 1 h",
        configuration: microseconds(),
        closure: search(FreeSlotQuery(window: month, minimumDuration: 3_600)))
    Benchmark(
        "Scheduling free slots, DC at least 150 kW of 1,000 EVSEs, whole month, at least 30 min",
        configuration: microseconds(),
        closure: search(FreeSlotQuery(requirement: .init(powerType: .dc, minimumPower: 150_000), window: month, minimumDuration: 1_800)))
    Benchmark(
        "Scheduling free slots, one station of 1,000 EVSEs, whole month, at least 15 min",
        configuration: microseconds(),
        closure: search(FreeSlotQuery(scope: .station("S125"), window: month, minimumDuration: 900)))
}
