import OCPP

/// The energy register and active power that meter values carry, in Wh and W (units and multipliers applied).
struct MeterSummary {
    var energyWh: Double?
    var powerW: Double?

    /// The latest reading of each among `values` (whole-meter samples only, not single phases).
    init(_ values: [OCPP201.MeterValue]) {
        for value in values.sorted(by: { $0.timestamp < $1.timestamp }) {
            for sample in value.sampledValues where sample.phase == nil && sample.value.isFinite {
                let unit = sample.unitOfMeasure?.unit ?? "Wh"
                let scale = (unit.hasPrefix("k") ? 1_000.0 : 1.0) * Self.power(of: sample.unitOfMeasure?.multiplier ?? 0)
                let reading = sample.value * scale
                // A value and multiplier whose product overflows is no reading (it would be stored as infinity).
                guard reading.isFinite else { continue }
                switch sample.measurand ?? .energyActiveImportRegister {
                case .energyActiveImportRegister: energyWh = reading
                case .powerActiveImport: powerW = reading
                default: continue
                }
            }
        }
    }

    private static func power(of exponent: Int) -> Double {
        var scale = 1.0
        // `magnitude`: `abs(Int.min)` traps, and a station can send that multiplier.
        for _ in 0..<min(exponent.magnitude, 30) { scale *= 10 }
        return exponent < 0 ? 1 / scale : scale
    }
}
