import Modbus
import StationConfig

extension DeviceImage {
    /// Whether the profile defines `point`.
    func has(_ point: String) -> Bool { points[point] != nil }

    /// The name of the scale-factor point that scales `point`, if it has one.
    func scaleFactorPoint(of point: String) -> String? {
        guard case .scaleFactor(let factor)? = points[point]?.scaling else { return nil }
        return factor
    }

    /// Stores the scale factor that `point` is scaled by (does nothing for unscaled points).
    func setScaleFactor(of point: String, _ exponent: Int) {
        guard let factor = scaleFactorPoint(of: point) else { return }
        set(factor, Double(exponent))
    }

    /// Stores the raw value the profile's enumeration gives `name` (e.g. "C" for a pilot state), else `fallback`.
    func set(_ point: String, enumerated name: String, fallback: Double) {
        let raw = profile.point(point)?.enumeration.first { $0.value == name }?.key
        self.set(point, raw.map(Double.init) ?? fallback)
    }

    /// Stores the smallest non-negative scale factor with which `magnitude` fits in `point`'s register.
    func setScaleFactor(of point: String, toFit magnitude: Double) {
        guard let type = points[point]?.type else { return }
        setScaleFactor(of: point, ScaleFactor.exponent(toFit: magnitude, in: type))
    }
}
