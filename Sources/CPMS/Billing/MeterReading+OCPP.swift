import Foundation
import OCPP

/// Meter readings from the OCPP JSON cpms stored (a TransactionEvent's `meterValue` array, a MeterValues row's
/// `sampledValue` array). Whole-meter samples only, units and multipliers applied; current is summed over the
/// phases when the station reports it per phase. What cannot be read is skipped.
extension MeterReading {
    /// The readings of a stored `[MeterValue]` array.
    static func readings(meterValuesJSON text: String) -> [MeterReading] {
        guard let values = (try? JSONValue(parsing: text))?.arrayValue else { return [] }
        return values.compactMap { value in
            guard let object = value.objectValue, let stamp = object["timestamp"]?.stringValue, let time = OCPPDateTime.parse(stamp),
                let samples = object["sampledValue"]?.arrayValue
            else { return nil }
            return reading(at: time, samples: samples)
        }
    }

    /// The reading of a stored `[SampledValue]` array taken at `time`.
    static func reading(sampledValuesJSON text: String, at time: Date) -> MeterReading? {
        guard let samples = (try? JSONValue(parsing: text))?.arrayValue else { return nil }
        return reading(at: time, samples: samples)
    }

    private static func reading(at time: Date, samples: [JSONValue]) -> MeterReading? {
        var reading = MeterReading(timestamp: time)
        var phaseCurrent: Double?
        for sample in samples {
            guard let object = sample.objectValue, let value = object["value"]?.doubleValue, value.isFinite else { continue }
            let measurand = object["measurand"]?.stringValue ?? "Energy.Active.Import.Register"
            let phase = object["phase"]?.stringValue
            let unit = object["unitOfMeasure"]?.objectValue
            let multiplier = unit?["multiplier"]?.doubleValue ?? 0
            guard abs(multiplier) <= 10 else { continue }
            let scaled = value * pow(10, multiplier) * ((unit?["unit"]?.stringValue ?? "").hasPrefix("k") ? 1_000 : 1)
            switch measurand {
            case "Energy.Active.Import.Register" where phase == nil: reading.energyWh = scaled
            case "Power.Active.Import" where phase == nil: reading.powerW = scaled
            case "Current.Import" where phase == nil: reading.currentA = scaled
            case "Current.Import" where ["L1", "L2", "L3"].contains(phase ?? ""): phaseCurrent = (phaseCurrent ?? 0) + scaled
            default: continue
            }
        }
        if reading.currentA == nil { reading.currentA = phaseCurrent }
        guard reading.energyWh != nil || reading.powerW != nil || reading.currentA != nil else { return nil }
        return reading
    }
}
