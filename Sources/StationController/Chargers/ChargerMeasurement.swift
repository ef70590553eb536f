import OCPP
import StationCore

/// What a charger says it measured, checked once its unit and multiplier are applied.
///
/// A number that is not finite, or not something a connector's meter can measure, is a device fault: the
/// message is answered `PropertyConstraintViolation` and nothing of it is stored, so it can never reach the
/// station model, the logs, the metrics or the local API.
enum ChargerMeasurement {
    static func power(_ watts: Double, at path: String) throws(OCPPCallError) -> Watts {
        guard let value = Plausible.value(watts, in: Plausible.connectorPower) else {
            throw implausible("\(path): \(watts) W is not a power a connector's meter can measure")
        }
        return Watts(value)
    }

    static func energy(_ wattHours: Double, at path: String) throws(OCPPCallError) -> WattHours {
        guard let value = Plausible.value(wattHours, in: Plausible.energyRegister) else {
            throw implausible("\(path): \(wattHours) Wh is not an energy register a connector's meter can show")
        }
        return WattHours(value)
    }

    /// 10^multiplier for an OCPP 2.0.1 `unitOfMeasure.multiplier`, refused outside the plausible exponents.
    static func scale(multiplier: Int, at path: String) throws(OCPPCallError) -> Double {
        guard let scale = Plausible.powerOfTen(multiplier) else {
            throw implausible(
                "\(path): multiplier \(multiplier) is outside \(Plausible.powerOfTenExponent.lowerBound)...\(Plausible.powerOfTenExponent.upperBound)")
        }
        return scale
    }

    static func implausible(_ reason: String) -> OCPPCallError {
        OCPPCallError(.propertyConstraintViolation, reason)
    }
}
