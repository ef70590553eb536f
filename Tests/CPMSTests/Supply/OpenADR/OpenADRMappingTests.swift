@testable import CPMS
import Foundation
import Testing

@Suite struct OpenADRMappingTests {
    static let t17 = OpenADRMessageTests.t17
    static let contract = SupplyContract(
        groups: ["depot-north", "depot-south"], capacityW: 100_000, currency: "CHF", fallbackPricePerKWh: Decimal(string: "0.30")!)

    static func event(_ signals: [OpenADREvent.Signal], groups: [String] = []) throws -> OpenADREvent {
        guard case .distributeEvent(_, _, let elements) = try OpenADRVTNMessage.read(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())) else {
            throw OpenADRXMLError("sample")
        }
        var event = try OpenADREvent(elements[0])
        event.signals = signals
        event.targetGroups = groups
        return event
    }

    static func signal(_ name: String, _ type: String, _ values: [String], base: OpenADREvent.ItemBase? = nil) -> OpenADREvent.Signal {
        OpenADREvent.Signal(
            name: name, type: type, id: "s", itemBase: base,
            intervals: values.enumerated().map { .init(start: t17.addingTimeInterval(Double($0.offset) * 900), durationSeconds: 900, value: Decimal(string: $0.element)!) })
    }

    func intervals(_ event: OpenADREvent) throws -> [ForecastInterval] {
        try OpenADRSignalMapping.intervals(of: event, contract: Self.contract).get()
    }

    @Test func pricesCarryTheItemBasesCurrencyPerKWh() throws {
        let perKWh = try intervals(Self.event([Self.signal("ELECTRICITY_PRICE", "price", ["0.2505", "0.08"], base: .init(kind: "currencyPerKWh", units: "EUR"))]))
        #expect(perKWh.map(\.pricePerKWh) == [Decimal(string: "0.2505"), Decimal(string: "0.08")])
        #expect(perKWh.map(\.currency) == ["EUR", "EUR"])
        #expect(perKWh[1].start == Self.t17.addingTimeInterval(900))
        #expect(perKWh[1].end == Self.t17.addingTimeInterval(1800))
        let perMWh = try intervals(Self.event([Self.signal("ENERGY_PRICE", "price", ["120.5"], base: .init(kind: "currencyPerMWh", units: "EUR"))]))
        #expect(perMWh.map(\.pricePerKWh) == [Decimal(string: "0.1205")])
        let bare = try intervals(Self.event([Self.signal("ELECTRICITY_PRICE", "price", ["0.21"])]))
        #expect(bare.map(\.currency) == ["CHF"])
        #expect(bare.map(\.capacityW) == [nil])
    }

    @Test func relativePricesAndMultipliersApplyToTheContractsPrice() throws {
        let relative = try intervals(Self.event([Self.signal("ELECTRICITY_PRICE", "priceRelative", ["-0.05"])]))
        #expect(relative.map(\.pricePerKWh) == [Decimal(string: "0.25")])
        let multiplied = try intervals(Self.event([Self.signal("ELECTRICITY_PRICE", "priceMultiplier", ["1.5"])]))
        #expect(multiplied.map(\.pricePerKWh) == [Decimal(string: "0.45")])
    }

    @Test func loadControlBecomesACapPerWindowForTheTargetsGroups() throws {
        let setpoint = try intervals(Self.event(
            [Self.signal("LOAD_CONTROL", "x-loadControlSetpoint", ["40", "22.5"], base: .init(kind: "powerReal", units: "W", scale: "k"))], groups: ["depot-north", "elsewhere"]))
        #expect(setpoint.map(\.capacityW) == [40_000, 22_500])
        #expect(setpoint.map(\.group) == ["depot-north", "depot-north"])
        #expect(setpoint.allSatisfy { $0.pricePerKWh == nil })
        let share = try intervals(Self.event([Self.signal("LOAD_CONTROL", "x-loadControlCapacity", ["0.4"])]))
        #expect(share.map(\.capacityW) == [40_000])
        #expect(share.map(\.group) == [nil])
        let offset = try intervals(Self.event([Self.signal("LOAD_CONTROL", "x-loadControlPercentOffset", ["-30"])]))
        #expect(offset.map(\.capacityW) == [70_000])
        let dispatch = try intervals(Self.event([Self.signal("LOAD_DISPATCH", "setpoint", ["7500"], base: .init(kind: "powerReal", units: "W", scale: "none"))]))
        #expect(dispatch.map(\.capacityW) == [7_500])
        let simple = try intervals(Self.event([Self.signal("SIMPLE", "level", ["0", "1", "2", "3"])], groups: ["depot-north", "depot-south"]))
        #expect(simple.filter { $0.group == "depot-south" }.map(\.capacityW) == [100_000, 75_000, 50_000, 25_000])
    }

    @Test func whatCannotBeHonouredIsRefusedWithTheReason() throws {
        func refusal(_ event: OpenADREvent) -> String? {
            if case .failure(let refusal) = OpenADRSignalMapping.intervals(of: event, contract: Self.contract) { return refusal.reason }
            return nil
        }
        #expect(refusal(try Self.event([Self.signal("BID_LOAD", "setpoint", ["1"])]))?.contains("understands none") == true)
        #expect(refusal(try Self.event([]))?.contains("no signals") == true)
        #expect(refusal(try Self.event([Self.signal("ELECTRICITY_PRICE", "delta", ["1"])]))?.contains("delta") == true)
        #expect(refusal(try Self.event([Self.signal("ELECTRICITY_PRICE", "price", ["1"], base: .init(kind: "currencyPerThm", units: "USD"))])) != nil)
        #expect(refusal(try Self.event([Self.signal("ELECTRICITY_PRICE", "price", ["1"], base: .init(kind: "currencyPerKWh", units: "euro"))])) != nil)
        #expect(refusal(try Self.event([Self.signal("SIMPLE", "level", ["7"])])) != nil)
        #expect(refusal(try Self.event([Self.signal("LOAD_CONTROL", "x-loadControlCapacity", ["1.5"])])) != nil)
        #expect(refusal(try Self.event([Self.signal("LOAD_CONTROL", "x-loadControlSetpoint", ["40"])]))?.contains("powerReal") == true)
        #expect(refusal(try Self.event([Self.signal("SIMPLE", "level", ["1"])], groups: ["other-dso-group"]))?.contains("none of which") == true)
    }

    @Test func mergedSpansTakeTheLatestPriceTheLowestCapAndWithdrawTheRest() {
        let t = Self.t17
        let price = OpenADRForecastMerge.EventForecast(sequence: 1, intervals: [
            ForecastInterval(start: t, end: t.addingTimeInterval(3600), pricePerKWh: 1, currency: "EUR"),
        ])
        let newerPrice = OpenADRForecastMerge.EventForecast(sequence: 3, intervals: [
            ForecastInterval(start: t.addingTimeInterval(900), end: t.addingTimeInterval(1800), pricePerKWh: 2, currency: "EUR"),
        ])
        let cap = OpenADRForecastMerge.EventForecast(sequence: 2, intervals: [
            ForecastInterval(start: t, end: t.addingTimeInterval(1800), capacityW: 5000, group: "depot-north"),
        ])
        let merged = OpenADRForecastMerge.intervals(from: t, to: t.addingTimeInterval(7200), events: [newerPrice, cap, price], groups: ["depot-north"])
        let priced = merged.filter { $0.group == nil }
        #expect(priced.map(\.start) == [t, t.addingTimeInterval(900), t.addingTimeInterval(1800), t.addingTimeInterval(3600)])
        #expect(priced.map(\.pricePerKWh) == [1, 2, 1, nil])
        let capped = merged.filter { $0.group == "depot-north" }
        #expect(capped.map(\.capacityW) == [5000, 5000, nil, nil])
        #expect(merged.last?.end == t.addingTimeInterval(7200))
    }
}
