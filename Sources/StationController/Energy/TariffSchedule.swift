public import EnergyManagement
public import Foundation
public import StationConfig

/// The station's own daily tariff as a price schedule of quarter hours from the current one on.
public enum TariffSchedule {
    public static let slotLength: TimeInterval = 900

    /// 96 quarter-hour slots starting at the quarter hour containing `time`; flat at zero without a tariff.
    public static func schedule(_ tariff: [TimeOfUsePrice], from time: Date, slots: Int = 96) -> PriceSchedule {
        let start = (time.timeIntervalSince1970 / slotLength).rounded(.down) * slotLength
        var result: [PriceSlot] = []
        result.reserveCapacity(slots)
        for index in 0..<slots {
            let slotStart = start + Double(index) * slotLength
            let minuteOfDay = Int(slotStart.truncatingRemainder(dividingBy: 86_400) / 60)
            let price = tariff.last { $0.fromMinute <= minuteOfDay }
            result.append(PriceSlot(
                start: Date(timeIntervalSince1970: slotStart), end: Date(timeIntervalSince1970: slotStart + slotLength),
                importPrice: price?.importPrice ?? 0, exportPrice: price?.exportPrice, renewableShare: price?.renewableShare))
        }
        return PriceSchedule(version: Int(start / slotLength), slots: result)
    }
}
