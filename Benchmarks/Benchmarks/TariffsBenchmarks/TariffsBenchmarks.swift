import Benchmark
import Foundation
import Tariffs

private func microseconds() -> Benchmark.Configuration {
    Benchmark.Configuration(metrics: [.wallClock, .throughput], timeUnits: .microseconds)
}

private func amount(_ text: String) -> Decimal { Decimal(string: text) ?? 0 }

/// Ten elements: eight time-of-day energy bands (the evening band dearer on weekdays, cheaper above 50 kW),
/// a FLAT start fee and a parking fallback; the energy fallback is the last band.
private func timeOfUseTariff() -> Tariff {
    func band(_ start: String, _ end: String, _ price: String, days: [DayOfWeek]? = nil, minPower: Decimal? = nil) -> TariffElement {
        TariffElement(
            priceComponents: [PriceComponent(type: .energy, price: amount(price), vat: 21, stepSize: 1),
                              PriceComponent(type: .time, price: amount("0.60"), vat: 21, stepSize: 60)],
            restrictions: TariffRestrictions(startTime: TimeOfDay(start), endTime: TimeOfDay(end), minPower: minPower, dayOfWeek: days))
    }
    let weekdays: [DayOfWeek] = [.monday, .tuesday, .wednesday, .thursday, .friday]
    return Tariff(
        countryCode: "NL", partyID: "SMR", id: "tou-bench", currency: "EUR",
        minPrice: Price(exclVAT: 1, inclVAT: amount("1.21")), maxPrice: Price(exclVAT: 500, inclVAT: 605),
        elements: [
            TariffElement(priceComponents: [PriceComponent(type: .flat, price: amount("0.35"), vat: 21, stepSize: 0)]),
            band("17:00", "21:00", "0.29", days: weekdays, minPower: 50),
            band("17:00", "21:00", "0.41", days: weekdays),
            band("23:00", "06:00", "0.19"),
            band("06:00", "09:00", "0.27"),
            band("09:00", "12:00", "0.25"),
            band("12:00", "15:00", "0.21"),
            band("15:00", "17:00", "0.26"),
            TariffElement(
                priceComponents: [PriceComponent(type: .parkingTime, price: amount("2.40"), vat: 21, stepSize: 300)],
                restrictions: TariffRestrictions(minDuration: 4 * 3600)),
            band("00:00", "00:00", "0.33"),
        ],
        lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 1_767_225_600)))
}

/// 24 h from 2026-03-28 12:00Z in Amsterdam (across the DST change): 96 quarter hours, charging for 20 h at
/// varying power, then parking.
private func dayLongSession() -> ChargingSession {
    let start = Date(timeIntervalSince1970: 1_774_699_200)
    let periods = (0..<96).map { index -> ChargingPeriod in
        let charging = index < 80
        let kW = Decimal(7 + (index * 13) % 60)
        let dimensions = charging
            ? [CdrDimension(.energy, kW / 4), CdrDimension(.time, amount("0.25")), CdrDimension(.power, kW)]
            : [CdrDimension(.parkingTime, amount("0.25"))]
        return ChargingPeriod(startDateTime: OCPIDateTime(start.addingTimeInterval(Double(index) * 900)), dimensions: dimensions)
    }
    return ChargingSession(
        start: start, end: start.addingTimeInterval(86_400), periods: periods,
        timeZone: TimeZone(identifier: "Europe/Amsterdam") ?? .gmt)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("Tariffs price 24 h session, 96 periods, 10-element time-of-use tariff", configuration: microseconds()) { benchmark in
        let tariff = timeOfUseTariff()
        let session = dayLongSession()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? PricingEngine.price(session, under: tariff))
        }
        benchmark.stopMeasurement()
    }
    Benchmark("Tariffs decode 10-element tariff JSON", configuration: microseconds()) { benchmark in
        let data = (try? OCPIJSON.encode(timeOfUseTariff())) ?? Data()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try? OCPIJSON.decodeTariff(data))
        }
        benchmark.stopMeasurement()
    }
}
