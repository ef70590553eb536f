/// The IEC 61851-1 control pilot state of a socket, as the EVSE controller measures it.
public enum ControlPilotState: String, Sendable, Hashable, Codable, CaseIterable {
    /// +12 V: no vehicle.
    case a = "A"
    /// +9 V: vehicle connected, not asking for energy.
    case b = "B"
    /// +6 V: vehicle asks for energy.
    case c = "C"
    /// +3 V: vehicle asks for energy and needs ventilation.
    case d = "D"
    /// 0 V: no power or short circuit of CP to PE.
    case e = "E"
    /// -12 V: EVSE not available (fault).
    case f = "F"

    /// A vehicle is plugged in.
    public var vehicleConnected: Bool { self == .b || self == .c || self == .d }
    /// The vehicle asks for energy.
    public var vehicleRequestsEnergy: Bool { self == .c || self == .d }
    public var isFault: Bool { self == .e || self == .f }

    /// Decodes a controller's register: ASCII 'A'...'F', or 1...6, or 10...15 as some controllers count.
    public init?(register value: Double) {
        guard let code = Int(rounding: value) else { return nil }
        let letters: [Int: ControlPilotState] = [65: .a, 66: .b, 67: .c, 68: .d, 69: .e, 70: .f]
        if let state = letters[code] {
            self = state
        } else if (1...6).contains(code) {
            self = Self.allCases[code - 1]
        } else if (10...15).contains(code) {
            self = Self.allCases[code - 10]
        } else {
            return nil
        }
    }
}
