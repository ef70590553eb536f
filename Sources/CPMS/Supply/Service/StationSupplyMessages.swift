import Foundation
import OCPP
import SupplyPlanning

/// What a station is sent of the plan, and when it must be sent again.
///
/// Content is compared per window (start -> value): it is sent when a window both cover differs, when the new
/// plan lacks a window the last one had, or when what was last sent covers less than `refreshBefore` of the
/// future and the plan reaches further. So a plan that moves on by one window sends nothing.
struct StationSupplyContent: Sendable, Equatable, Codable {
    /// Window start (stored-time text) -> the value in that window, as text.
    var windows: [String: String]

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    var hash: String {
        // FNV-1a over the JSON: only to tell contents apart at a glance in the table.
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in json.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        return String(value, radix: 16)
    }

    static func decode(_ json: String) -> StationSupplyContent? {
        try? JSONDecoder().decode(StationSupplyContent.self, from: Data(json.utf8))
    }

    static func schedule(_ supply: StationSupply) -> StationSupplyContent {
        StationSupplyContent(windows: Dictionary(supply.slots.map { slot in
            (StoredTime.text(slot.window.start),
             "\(slot.pricePerKWh)|\(slot.exportPricePerKWh.map { "\($0)" } ?? "")|\(slot.renewableShare.map { "\($0)" } ?? "")")
        }, uniquingKeysWith: { first, _ in first }))
    }

    static func cap(_ supply: StationSupply) -> StationSupplyContent {
        StationSupplyContent(windows: Dictionary(supply.slots.map { (StoredTime.text($0.window.start), "\(Self.watts($0.capW))") }, uniquingKeysWith: { first, _ in first }))
    }

    static func watts(_ value: Double) -> Double { max(0, value.rounded()) }

    /// Whether this content must be sent, given what was last sent (and whether the station accepted it).
    func needsSending(after last: SupplySentStore.Sent?, now: Date, refreshBefore: TimeInterval) -> Bool {
        if windows.isEmpty {
            // Nothing to send: only a station that still has what cpms sent it is told to drop it.
            return last.flatMap { Self.decode($0.json) }.map { !$0.windows.isEmpty } ?? false
        }
        guard let last, last.acknowledged, let previous = Self.decode(last.json), let lastEnd = previous.windows.keys.max() else { return true }
        let current = StoredTime.text(SupplyWindow(containing: now).start)
        guard let newEnd = windows.keys.max() else { return !previous.windows.isEmpty }
        for (start, value) in windows where start <= lastEnd && previous.windows[start] != value { return true }
        for start in previous.windows.keys where start >= current && start <= newEnd && windows[start] == nil { return true }
        if newEnd > lastEnd, let end = OCPPDateTime.parse(lastEnd)?.addingTimeInterval(SupplyWindow.length), end.timeIntervalSince(now) < refreshBefore {
            return true
        }
        return false
    }
}

enum StationSupplyMessages {
    /// The grid cap profile's id: the same for every profile cpms sends, so a new one replaces the last.
    static let capProfileID = 1600

    /// The `PriceSchedule` DataTransfer data (docs/uplink.md); without slots it returns the station to its own tariff.
    static func priceSchedule(_ supply: StationSupply, version: Int) -> JSONValue {
        let slots: [JSONValue] = supply.slots.map { slot in
            var object: [String: JSONValue] = [
                "start": .string(OCPPDateTime.format(slot.window.start)), "end": .string(OCPPDateTime.format(slot.window.end)),
                "price_per_kwh": .number(number(slot.pricePerKWh)),
            ]
            if let export = slot.exportPricePerKWh { object["export_price_per_kwh"] = .number(number(export)) }
            if let share = slot.renewableShare { object["renewable_share"] = .number(share) }
            return .object(object)
        }
        return .object(["currency": .string(supply.currency), "version": .number(Double(version)), "slots": .array(slots)])
    }

    /// The nearest Double to the decimal's text (0.07, not 0.06999999999999999 as NSDecimalNumber gives).
    static func number(_ value: Decimal) -> Double {
        Double("\(value)") ?? NSDecimalNumber(decimal: value).doubleValue
    }

    /// A ChargingStationMaxProfile on EVSE 0 from the first window: one period per window where the cap changes.
    static func capProfile(_ supply: StationSupply) -> OCPP201.SetChargingProfileRequest? {
        guard let first = supply.slots.first, let last = supply.slots.last else { return nil }
        var periods: [OCPP201.ChargingSchedulePeriod] = []
        var previous: Double?
        for slot in supply.slots {
            let cap = StationSupplyContent.watts(slot.capW)
            guard cap != previous else { continue }
            periods.append(.init(startPeriod: Int(slot.window.start.timeIntervalSince(first.window.start)), limit: cap))
            previous = cap
        }
        let duration = Int(last.window.end.timeIntervalSince(first.window.start))
        let profile = OCPP201.ChargingProfile(
            id: capProfileID, stackLevel: 0, chargingProfilePurpose: .chargingStationMaxProfile, chargingProfileKind: .absolute,
            chargingSchedules: [.init(id: 1, startSchedule: first.window.start, duration: duration, chargingRateUnit: .watts, chargingSchedulePeriods: periods)])
        return OCPP201.SetChargingProfileRequest(evseId: 0, chargingProfile: profile)
    }
}
