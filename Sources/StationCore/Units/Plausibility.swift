/// What a station's meters can measure. A number from a device or a charger outside these ranges, or not
/// finite, is a device fault (nonsense), never a value: it must not reach the model, logs, metrics or the API.
public enum Plausible {
    /// Active power of one socket or charger connector, in W: up to a 2 MW charger, a little export for V2G.
    public static let connectorPower: ClosedRange<Double> = -1_000_000...2_000_000
    /// An energy register, in Wh: 0 up to a terawatt-hour, beyond any charger's lifetime.
    public static let energyRegister: ClosedRange<Double> = 0...1e12
    /// A station's import limit, in W: from nothing up to a 1 GW connection, beyond any station's.
    public static let gridCap: ClosedRange<Double> = 0...1e9
    /// An energy price per kWh in any currency: a hundred thousand either way is beyond any market's cap.
    public static let pricePerKilowattHour: ClosedRange<Double> = -100_000...100_000
    /// A power-of-ten exponent of a reading's unit (an OCPP multiplier, a SunSpec scale factor).
    public static let powerOfTenExponent: ClosedRange<Int> = -10...10

    /// `value` when it is finite and in `range`, else nil.
    public static func value(_ value: Double, in range: ClosedRange<Double>) -> Double? {
        value.isFinite && range.contains(value) ? value : nil
    }

    /// 10 to the `exponent`, computed at once (not by a loop of `exponent` steps); nil outside
    /// `powerOfTenExponent`.
    public static func powerOfTen(_ exponent: Int) -> Double? {
        guard powerOfTenExponent.contains(exponent) else { return nil }
        return exponent < 0 ? 1 / exactPowersOfTen[-exponent] : exactPowersOfTen[exponent]
    }

    private static let exactPowersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]
}

extension Int {
    /// The whole number nearest to `value`, or nil when it is not finite or does not fit in an `Int`
    /// (where `Int(_:)` would trap).
    public init?(rounding value: Double) {
        guard let whole = Int(exactly: value.rounded()) else { return nil }
        self = whole
    }
}
