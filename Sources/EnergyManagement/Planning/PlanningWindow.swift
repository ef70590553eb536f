import Foundation

/// A price slot made fit for planning: valid, sorted, without overlaps, starting no earlier than the plan.
struct PlanningWindow {
    var start: Date
    var end: Date
    var price: Double

    /// Length in hours.
    var hours: Double { end.timeIntervalSince(start) / 3600 }

    /// The usable slots of `schedule` from `time` on. Slots with a reversed or empty time range or a price
    /// that is not a number are dropped, and so is a slot that overlaps one before it.
    static func windows(_ schedule: PriceSchedule, from time: Date) -> [PlanningWindow] {
        let usable = schedule.slots
            .filter { $0.start < $0.end && $0.end > time && $0.importPrice.isFinite }
            .sorted { $0.start < $1.start }
        var windows: [PlanningWindow] = []
        windows.reserveCapacity(usable.count)
        for slot in usable {
            if let last = windows.last, slot.start < last.end { continue }
            windows.append(PlanningWindow(start: max(slot.start, time), end: slot.end, price: slot.importPrice))
        }
        return windows
    }
}
